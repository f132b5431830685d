package com.dce.analytics.query.system;

import com.dce.analytics.web.ProblemHandling;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Every error of query-api as RFC 9457 problem details (see {@link ProblemHandling}). */
@RestControllerAdvice
class ApiProblemHandling extends ProblemHandling {}
