package com.dce.analytics.report.export;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * A minimal flowing layout on PDFBox: landscape US Letter pages, a cursor moving down, headings,
 * wrapped paragraphs, tables whose heading row repeats on every page they span, images, and a
 * footer with page numbers added once the page count is known. Text uses the standard Helvetica
 * fonts; characters they cannot encode are replaced by their nearest ASCII or '?'.
 */
final class PdfLayout implements AutoCloseable {

    static final float MARGIN = 36;
    private static final PDRectangle SIZE =
            new PDRectangle(PDRectangle.LETTER.getHeight(), PDRectangle.LETTER.getWidth());
    private static final float CELL_PAD = 3;
    private static final Color HEAD_BG = new Color(0xdd, 0xe6, 0xf0);
    private static final Color STRIPE = new Color(0xf4, 0xf6, 0xf8);

    /** A table to draw: headings, rows of display strings, and which columns are right-aligned. */
    record Table(List<String> headings, List<List<String>> rows, boolean[] numeric) {}

    private final PDDocument doc = new PDDocument();
    private final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    private final Map<Character, Character> safe = new HashMap<>();
    private PDPageContentStream cs;
    private float y;

    PdfLayout() {
        newPage();
    }

    float width() {
        return SIZE.getWidth() - 2 * MARGIN;
    }

    void newPage() {
        try {
            if (cs != null) {
                cs.close();
            }
            PDPage page = new PDPage(SIZE);
            doc.addPage(page);
            cs = new PDPageContentStream(doc, page);
            y = SIZE.getHeight() - MARGIN;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void ensure(float height) {
        if (y - height < MARGIN + 14) {
            newPage();
        }
    }

    void space(float h) {
        y -= h;
    }

    void heading(String text, float size) {
        ensure(size * 3);
        y -= size * 1.4f;
        text(text, bold, size, MARGIN, y);
        y -= size * 0.5f;
    }

    void paragraph(String text, float size) {
        for (String line : wrap(clean(text), regular, size, width())) {
            ensure(size * 1.4f);
            y -= size * 1.35f;
            text(line, regular, size, MARGIN, y);
        }
    }

    void image(BufferedImage image, float w, float h) {
        ensure(h + 6);
        try {
            PDImageXObject x = LosslessFactory.createFromImage(doc, image);
            y -= h;
            cs.drawImage(x, MARGIN, y, w, h);
            y -= 6;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void table(Table t, float size) {
        int n = t.headings().size();
        float[] widths = new float[n];
        List<List<String>> headLines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            widths[i] = 24;
            for (List<String> row : t.rows()) {
                widths[i] = Math.max(widths[i], width(clean(row.get(i)), regular, size) + 2 * CELL_PAD + 1);
            }
            for (String word : clean(t.headings().get(i)).split(" ")) {
                widths[i] = Math.max(widths[i], width(word, bold, size) + 2 * CELL_PAD + 1);
            }
        }
        float total = 0;
        for (float w : widths) {
            total += w;
        }
        if (total > width()) {
            float scale = width() / total;
            for (int i = 0; i < n; i++) {
                widths[i] *= scale;
            }
        }
        int headRows = 1;
        for (int i = 0; i < n; i++) {
            List<String> lines = wrap(clean(t.headings().get(i)), bold, size, widths[i] - 2 * CELL_PAD);
            headLines.add(lines);
            headRows = Math.max(headRows, lines.size());
        }
        float rowH = size * 1.5f;
        ensure(rowH * (headRows + 2));
        head(headLines, widths, headRows, size, t.numeric());
        for (int r = 0; r < t.rows().size(); r++) {
            if (y - rowH < MARGIN + 14) {
                newPage();
                head(headLines, widths, headRows, size, t.numeric());
            }
            if (r % 2 == 1) {
                fill(STRIPE, MARGIN, y - rowH, sum(widths), rowH);
            }
            float x = MARGIN;
            for (int i = 0; i < n; i++) {
                String s = fit(clean(t.rows().get(r).get(i)), regular, size, widths[i] - 2 * CELL_PAD);
                float tx = t.numeric()[i] ? x + widths[i] - CELL_PAD - width(s, regular, size) : x + CELL_PAD;
                text(s, regular, size, tx, y - rowH + size * 0.45f);
                x += widths[i];
            }
            y -= rowH;
        }
        y -= rowH * 0.6f;
    }

    private void head(List<List<String>> lines, float[] widths, int headRows, float size, boolean[] numeric) {
        float h = size * 1.25f * headRows + size * 0.6f;
        fill(HEAD_BG, MARGIN, y - h, sum(widths), h);
        float x = MARGIN;
        for (int i = 0; i < widths.length; i++) {
            float ly = y - size * 1.2f;
            for (String line : lines.get(i)) {
                float tx = numeric[i] ? x + widths[i] - CELL_PAD - width(line, bold, size) : x + CELL_PAD;
                text(line, bold, size, tx, ly);
                ly -= size * 1.25f;
            }
            x += widths[i];
        }
        y -= h;
    }

    /** Adds "title · page i of n" to every page; call once, after the last page. */
    void footers(String title) {
        try {
            cs.close();
            cs = null;
            int n = doc.getNumberOfPages();
            for (int i = 0; i < n; i++) {
                try (PDPageContentStream footer = new PDPageContentStream(
                        doc, doc.getPage(i), PDPageContentStream.AppendMode.APPEND, true, true)) {
                    String text = clean(title + "  ·  page " + (i + 1) + " of " + n);
                    footer.beginText();
                    footer.setFont(regular, 7);
                    footer.setNonStrokingColor(Color.GRAY);
                    footer.newLineAtOffset(MARGIN, MARGIN - 16);
                    footer.showText(text);
                    footer.endText();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    byte[] toBytes() {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            if (cs != null) {
                cs.close();
                cs = null;
            }
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            if (cs != null) {
                cs.close();
            }
            doc.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void text(String s, PDType1Font font, float size, float x, float ty) {
        try {
            cs.beginText();
            cs.setFont(font, size);
            cs.setNonStrokingColor(Color.BLACK);
            cs.newLineAtOffset(x, ty);
            cs.showText(clean(s));
            cs.endText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void fill(Color color, float x, float fy, float w, float h) {
        try {
            cs.setNonStrokingColor(color);
            cs.addRect(x, fy, w, h);
            cs.fill();
            cs.setNonStrokingColor(Color.BLACK);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static float sum(float[] widths) {
        float s = 0;
        for (float w : widths) {
            s += w;
        }
        return s;
    }

    private static float width(String s, PDType1Font font, float size) {
        try {
            return font.getStringWidth(s) / 1000 * size;
        } catch (IOException | IllegalArgumentException e) {
            return s.length() * size * 0.6f;
        }
    }

    private String fit(String s, PDType1Font font, float size, float max) {
        if (width(s, font, size) <= max) {
            return s;
        }
        String t = s;
        while (t.length() > 1 && width(t + "…", font, size) > max) {
            t = t.substring(0, t.length() - 1);
        }
        return t + "…";
    }

    private List<String> wrap(String text, PDType1Font font, float size, float max) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (width(candidate, font, size) > max && !line.isEmpty()) {
                lines.add(line.toString());
                line = new StringBuilder(word);
            } else {
                line = new StringBuilder(candidate);
            }
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    /** Replaces what WinAnsi (the standard fonts' encoding) cannot show. */
    String clean(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            out.append(safe.computeIfAbsent(c, this::encodable));
        }
        return out.toString();
    }

    private char encodable(char c) {
        if (c == '−') {
            return '-';
        }
        if (c == '\n' || c == '\r' || c == '\t') {
            return ' ';
        }
        try {
            regular.encode(String.valueOf(c));
            return c;
        } catch (IOException | IllegalArgumentException e) {
            return '?';
        }
    }
}
