package com.leadloader.source;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/**
 * Rebuilds {@code sample-data/leads.xlsx}: mobiles typed as numbers (Excel drops the leading 0),
 * a landline column formatted to keep it, an enquiry date, and a formula for the full name.
 * Rebuild with {@code ./mvnw -B -o test -Dtest=ShippedSamplesTest -Dleadloader.regenerate=true}, or run main.
 */
public final class SampleWorkbookGenerator {

    private static final Object[][] LEADS = {
            // first, last, postcode, email, mobile (number), landline (number), enquiry date, campaign
            {"Olivia", "Bennett", "LS1 6DT", "olivia.bennett@example.com", 7911123456d, 1132345678d, LocalDate.of(2025, 2, 3), "Spring"},
            {"Jack", "Turner", "M1 4BT", "jack.turner@example.com", 447712345678d, null, LocalDate.of(2025, 2, 4), "Spring"},
            {"Amara", "Okafor", "B15 2TT", "amara.okafor@example.com", 7828123456d, 1213456789d, LocalDate.of(2025, 2, 4), "Spring"},
            {"Finlay", "Reid", "EH2 2AN", "finlay.reid@example.com", null, 1312261234d, LocalDate.of(2025, 2, 5), "Spring"},
            {"Sophia", "Kowalski", "BS1 5TR", "sophia.k@example.com", 7456123456d, 1179251234d, LocalDate.of(2025, 2, 6), "Spring"},
            {"Rory", "Byrne", "CF10 1AA", "rory.byrne@example.com", "7.7009E+09", null, LocalDate.of(2025, 2, 6), "Spring"},
            {"Hannah", "Lewis", "SW1A 1AA", "hannah.lewis@example.com", 7981654321d, 2071234567d, LocalDate.of(2025, 2, 7), "Spring"},
            {"Olivia", "Bennett", "LS1 6DT", "olivia.bennett@example.com", 447911123456d, null, LocalDate.of(2025, 2, 8), "Spring"},
            {"Yusuf", "Rahman", "NE1 4XF", "yusuf.rahman@example.com", 7340112233d, null, LocalDate.of(2025, 2, 9), "Spring"},
            {"Erin", "Walsh", "BT1 1AA", "erin.walsh@example.com", 7400123456d, 2890321234d, LocalDate.of(2025, 2, 10), "Spring"},
            {"Ben", "Carter", "RG1 1LX", "ben.carter@example.com", 9061234567d, null, LocalDate.of(2025, 2, 10), "Spring"},
            {"Leah", "Hughes", "YO1 7HH", "leah.hughes@example.com", 7985111222d, null, LocalDate.of(2025, 2, 11), "Spring"},
    };

    private SampleWorkbookGenerator() {
    }

    public static void main(String[] args) throws IOException {
        write(Path.of(args.length > 0 ? args[0] : "sample-data/leads.xlsx"));
    }

    /** Writes the sample workbook: sheet "Leads", header on row 1. */
    public static void write(Path file) throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            Sheet sheet = wb.createSheet("Leads");
            CellStyle date = wb.createCellStyle();
            date.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("dd/mm/yyyy"));
            CellStyle landline = wb.createCellStyle();
            landline.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("00000000000"));
            String[] header = {"First Name", "Last Name", "Postcode", "Email", "Mobile", "Landline", "Enquiry Date",
                    "Campaign", "Full Name"};
            Row top = sheet.createRow(0);
            for (int i = 0; i < header.length; i++) {
                top.createCell(i).setCellValue(header[i]);
            }
            for (int r = 0; r < LEADS.length; r++) {
                Object[] lead = LEADS[r];
                Row row = sheet.createRow(r + 1);
                for (int c = 0; c < lead.length; c++) {
                    if (lead[c] instanceof String text) {
                        row.createCell(c).setCellValue(text);
                    } else if (lead[c] instanceof Double number) {
                        row.createCell(c).setCellValue(number);
                        if (c == 5) {
                            row.getCell(c).setCellStyle(landline);
                        }
                    } else if (lead[c] instanceof LocalDate day) {
                        row.createCell(c).setCellValue(day);
                        row.getCell(c).setCellStyle(date);
                    }
                }
                row.createCell(8).setCellFormula("A" + (r + 2) + "&\" \"&B" + (r + 2));
            }
            wb.getCreationHelper().createFormulaEvaluator().evaluateAll();
            for (int i = 0; i < header.length; i++) {
                sheet.autoSizeColumn(i);
            }
            wb.write(out);
        }
    }
}
