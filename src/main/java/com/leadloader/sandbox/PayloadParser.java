package com.leadloader.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.xml.XmlMapper;

/**
 * Turns a create/update body into rows: a JSON array of objects, one JSON object, or XML
 * {@code <easycall><ecnow_records>..</ecnow_records>..</easycall>}. The body is read raw whatever
 * its Content-Type, because the vendor's PHP client posts raw JSON with a form Content-Type.
 */
final class PayloadParser {

    static final String NO_FILE = "No file uploaded. Missing 'easycall' section?";

    /** The support article's own XML example closes LastName as {@code <LastName>Blogs<LastName />}; accept it. */
    private static final Pattern SELF_CLOSED_END = Pattern.compile("<(\\w+)>([^<]*)<\\1\\s*/>");

    private final JsonMapper json;
    private final XmlMapper xml;

    PayloadParser(JsonMapper json, XmlMapper xml) {
        this.json = json;
        this.xml = xml;
    }

    List<Map<String, String>> parse(byte[] body) {
        String text = body == null ? "" : new String(body, StandardCharsets.UTF_8).strip();
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.isEmpty()) {
            throw new ApiError(NO_FILE);
        }
        return text.startsWith("<") ? parseXml(text) : parseJson(text);
    }

    private List<Map<String, String>> parseJson(String text) {
        JsonNode root;
        try {
            root = json.readTree(text);
        } catch (JacksonException e) {
            throw new ApiError("Invalid JSON payload.");
        }
        return rows(root, "Invalid JSON payload: expected an object or an array of objects.");
    }

    private List<Map<String, String>> parseXml(String text) {
        if (!text.contains("<easycall")) {
            throw new ApiError(NO_FILE);
        }
        JsonNode root;
        try {
            root = xml.readTree(SELF_CLOSED_END.matcher(text).replaceAll("<$1>$2</$1>"));
        } catch (JacksonException e) {
            throw new ApiError("Invalid XML payload.");
        }
        if (root == null || !root.isObject() || root.isEmpty()) {
            throw new ApiError(NO_FILE);
        }
        // <easycall> holds one section (ecnow_records, ecnow_datasets, ...): one element per row.
        JsonNode section = root.values().iterator().next();
        return rows(section, "Invalid XML payload: expected <easycall><ecnow_records>...</ecnow_records></easycall>.");
    }

    private static List<Map<String, String>> rows(JsonNode node, String error) {
        List<Map<String, String>> out = new ArrayList<>();
        if (node.isObject()) {
            out.add(row(node));
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                out.add(element.isObject() ? row(element) : new LinkedHashMap<>());
            }
        } else {
            throw new ApiError(error);
        }
        return out;
    }

    private static Map<String, String> row(JsonNode object) {
        Map<String, String> row = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : object.properties()) {
            JsonNode v = e.getValue();
            row.put(e.getKey(), v == null || v.isNull() ? null : v.isValueNode() ? v.asString() : v.toString());
        }
        return row;
    }
}
