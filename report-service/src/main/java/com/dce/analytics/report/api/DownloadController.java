package com.dce.analytics.report.api;

import com.dce.analytics.report.archive.ReportArchive;
import com.dce.analytics.report.archive.ReportRecord;
import com.dce.analytics.web.ApiException;
import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Downloads through the expiring links emailed instead of attachments that are too large: the
 * link's random token is the credential, so recipients need no API key.
 */
@RestController
@Hidden
class DownloadController {

    private final ReportArchive archive;

    DownloadController(ReportArchive archive) {
        this.archive = archive;
    }

    @GetMapping("/reports/download/{token}")
    ResponseEntity<byte[]> download(@PathVariable String token) {
        ReportArchive.Link link = archive.resolveLink(token)
                .orElseThrow(() -> ApiException.notFound("this download link is unknown or has expired"));
        ReportRecord r = archive.find(link.reportId())
                .orElseThrow(() -> ApiException.notFound("the report of this link no longer exists"));
        byte[] bytes = archive.export(r.id(), link.format())
                .orElseThrow(() -> ApiException.notFound("the report of this link no longer exists"));
        return ReportController.file(r.title(), link.format(), bytes);
    }
}
