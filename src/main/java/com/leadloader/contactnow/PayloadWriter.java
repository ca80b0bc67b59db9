package com.leadloader.contactnow;

import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.xml.XmlMapper;
import tools.jackson.dataformat.xml.XmlWriteFeature;

/**
 * Writes the raw POST body of a create or update: a JSON array of objects, or in XML
 * {@code <easycall>} holding one {@code <ecnow_records>} element per record (ecnow-records-support-article.txt).
 */
final class PayloadWriter {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final XmlMapper XML = XmlMapper.builder()
            .defaultUseWrapper(false)
            .enable(XmlWriteFeature.WRITE_XML_DECLARATION)
            .build();

    private final ContactNowProperties.Format format;

    PayloadWriter(ContactNowProperties.Format format) {
        this.format = format;
    }

    String write(List<Map<String, String>> records) {
        if (format == ContactNowProperties.Format.XML) {
            return XML.writer().withRootName("easycall").writeValueAsString(Map.of("ecnow_records", records));
        }
        return JSON.writeValueAsString(records);
    }

    String mediaType() {
        return format == ContactNowProperties.Format.XML ? "application/xml; charset=utf-8"
                : "application/json; charset=utf-8";
    }
}
