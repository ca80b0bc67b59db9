package com.leadloader.sandbox;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.xml.XmlMapper;
import tools.jackson.dataformat.xml.XmlWriteFeature;

/**
 * Writes a response envelope as JSON ({@code success} true/false) or as XML under {@code <result>}
 * ({@code success} 1/0, list items as {@code <ecnow_record>} and the like), as the support article shows.
 */
final class ResponseWriter {

    private final JsonMapper json;
    private final XmlMapper xml;

    ResponseWriter(JsonMapper json, XmlMapper xml) {
        this.json = json;
        this.xml = xml;
    }

    byte[] json(Map<String, Object> envelope) {
        return json.writeValueAsBytes(envelope);
    }

    byte[] xml(Map<String, Object> envelope, String itemName) {
        ObjectNode root = xml.createObjectNode();
        for (Map.Entry<String, Object> e : envelope.entrySet()) {
            Object v = e.getValue();
            if (v instanceof Boolean b) {
                root.put(e.getKey(), b ? 1 : 0);
            } else if (v instanceof Long n) {
                root.put(e.getKey(), n);
            } else if (v instanceof Integer n) {
                root.put(e.getKey(), n);
            } else if (v instanceof List<?> list) {
                ArrayNode items = root.putObject(e.getKey()).putArray(itemName);
                for (Object item : list) {
                    ObjectNode itemNode = items.addObject();
                    ((Map<?, ?>) item).forEach((k, value) -> itemNode.put(String.valueOf(k),
                            value == null ? null : String.valueOf(value)));
                }
            } else {
                root.put(e.getKey(), v == null ? null : String.valueOf(v));
            }
        }
        return xml.writer().withRootName("result").with(XmlWriteFeature.WRITE_XML_DECLARATION).writeValueAsBytes(root);
    }
}
