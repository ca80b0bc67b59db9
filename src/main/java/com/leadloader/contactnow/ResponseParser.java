package com.leadloader.contactnow;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.xml.XmlMapper;

/**
 * Reads the API's response envelope in either format (by the body's first character, so a token.php that
 * answers JSON to an XML client still works), leniently: {@code success} may be true/false or 1/0,
 * numbers may arrive as strings, {@code list} may be an array, an object keyed by index (PHP arrays with gaps)
 * or, in XML, repeated {@code <ecnow_record>} (or other) elements. Nulls in records read as empty strings.
 */
final class ResponseParser {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final XmlMapper XML = XmlMapper.builder().build();

    private final ContactNowProperties.Format format;

    ResponseParser(ContactNowProperties.Format format) {
        this.format = format;
    }

    ApiResponse parse(String body) {
        if (body == null || body.isBlank()) {
            throw new ResponseFormatException("empty response body", null);
        }
        ContactNowProperties.Format actual = sniff(body);
        ObjectMapper mapper = actual == ContactNowProperties.Format.XML ? XML : JSON;
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (JacksonException e) {
            throw new ResponseFormatException("response is not well-formed " + actual + ": "
                    + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new ResponseFormatException("response is not a " + actual + " object", null);
        }
        if (!root.has("success")) { // every documented answer has it; an HTML error page does not
            throw new ResponseFormatException("response has no 'success' field", null);
        }
        return new ApiResponse(
                bool(root.get("success")),
                integer(root, "total"),
                integer(root, "bad"),
                longValue(root, "key"),
                text(root.get("info")),
                text(root.get("error")),
                longValue(root, "expire"),
                text(root.get("token")),
                items(root.get("list")));
    }

    /** The format the body is written in: its first character decides, the requested format otherwise. */
    private ContactNowProperties.Format sniff(String body) {
        String start = body.stripLeading();
        if (start.startsWith("\uFEFF")) {
            start = start.substring(1).stripLeading();
        }
        if (start.startsWith("{") || start.startsWith("[")) {
            return ContactNowProperties.Format.JSON;
        }
        if (start.startsWith("<")) {
            return ContactNowProperties.Format.XML;
        }
        return format;
    }

    private static boolean bool(JsonNode node) {
        if (node == null || node.isNull()) {
            return false;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        String text = node.asString().trim().toLowerCase(Locale.ROOT);
        return text.equals("1") || text.equals("true") || text.equals("y") || text.equals("yes");
    }

    private static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        return node.isValueNode() ? node.asString() : node.toString();
    }

    private static Integer integer(JsonNode root, String name) {
        Long value = longValue(root, name);
        if (value == null) {
            return null;
        }
        if (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE) {
            throw new ResponseFormatException("'" + name + "' is out of range: " + value, null);
        }
        return value.intValue();
    }

    private static Long longValue(JsonNode root, String name) {
        String text = text(root.get(name));
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new ResponseFormatException("'" + name + "' is not a number: " + text, e);
        }
    }

    private static List<Map<String, String>> items(JsonNode list) {
        if (list == null || list.isNull() || !list.isContainer()) {
            return List.of(); // absent, null, or an empty XML element
        }
        List<Map<String, String>> items = new ArrayList<>();
        for (JsonNode child : list.values()) {
            if (child.isArray()) {
                child.values().forEach(element -> items.add(item(element)));
            } else {
                items.add(item(child));
            }
        }
        return Collections.unmodifiableList(items);
    }

    private static Map<String, String> item(JsonNode node) {
        if (!node.isObject()) {
            throw new ResponseFormatException("a list item is not an object: " + node.getNodeType(), null);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String value = text(field.getValue());
            fields.put(field.getKey(), value == null ? "" : value);
        }
        return Collections.unmodifiableMap(fields);
    }
}
