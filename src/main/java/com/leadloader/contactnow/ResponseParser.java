package com.leadloader.contactnow;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import okio.Buffer;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
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
    /** Reads one member's value out of a streamed envelope: more of the envelope follows it. */
    private static final ObjectReader MEMBER = JSON.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final ContactNowProperties.Format format;

    ResponseParser(ContactNowProperties.Format format) {
        this.format = format;
    }

    ApiResponse parse(String body) {
        return parse(body, null);
    }

    /**
     * As {@link #parse(String)}, keeping of each list item only the fields named in {@code keep}
     * (lower case; matched in any case), or every field when it is null. A JSON answer is then read
     * as a stream, without a tree of the whole list: a key read-back answers thousands of records
     * of which two fields are wanted.
     */
    ApiResponse parse(String body, Set<String> keep) {
        if (body == null || body.isBlank()) {
            throw new ResponseFormatException("empty response body", null);
        }
        ContactNowProperties.Format actual = sniff(body);
        if (keep != null && actual == ContactNowProperties.Format.JSON) {
            return streamed(() -> JSON.createParser(body), keep);
        }
        ObjectMapper mapper = actual == ContactNowProperties.Format.XML ? XML : JSON;
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (JacksonException e) {
            throw new ResponseFormatException("response is not well-formed " + actual + ": "
                    + e.getOriginalMessage(), e);
        }
        return response(root, null, actual, keep);
    }

    /**
     * As {@link #parse(String, Set)}, for an answer as it came off the wire. A JSON answer read for
     * a few fields ({@code keep} not null) is streamed from its bytes, never turned into one string:
     * a key read-back's answer of a few megabytes would be a humongous object twice over.
     */
    ApiResponse parse(HttpTransport.Answer answer, Set<String> keep) {
        if (keep != null && startsLikeJson(answer.body())) {
            return streamed(() -> JSON.createParser(answer.stream()), keep);
        }
        return parse(answer.text(), keep);
    }

    private static ApiResponse streamed(Supplier<JsonParser> source, Set<String> keep) {
        try (JsonParser parser = source.get()) {
            ObjectNode envelope = JSON.createObjectNode();
            List<Map<String, String>> items = streamEnvelope(parser, envelope, keep);
            return response(items == null ? null : envelope, items, ContactNowProperties.Format.JSON, keep);
        } catch (JacksonException e) {
            throw new ResponseFormatException("response is not well-formed JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static ApiResponse response(JsonNode root, List<Map<String, String>> streamedItems,
                                        ContactNowProperties.Format actual, Set<String> keep) {
        if (root == null || !root.isObject()) {
            throw new ResponseFormatException("response is not a " + actual + " object", null);
        }
        if (!root.has("success")) { // every documented answer has it; an HTML error page does not
            throw new ResponseFormatException("response has no 'success' field", null);
        }
        List<Map<String, String>> items = streamedItems != null ? streamedItems : items(root.get("list"), keep);
        return new ApiResponse(
                bool(root.get("success")),
                integer(root, "total"),
                integer(root, "bad"),
                longValue(root, "key"),
                text(root.get("info")),
                text(root.get("error")),
                longValue(root, "expire"),
                text(root.get("token")),
                items);
    }

    /**
     * Whether the first byte after white space (and a UTF-8 byte order mark) opens a JSON object or
     * array, as {@link #sniff} decides for text; an empty or blank body is not.
     */
    private static boolean startsLikeJson(Buffer body) {
        long i = 0;
        long size = body.size();
        if (size >= 3 && (body.getByte(0) & 0xff) == 0xEF && (body.getByte(1) & 0xff) == 0xBB
                && (body.getByte(2) & 0xff) == 0xBF) {
            i = 3;
        }
        for (; i < size; i++) {
            byte b = body.getByte(i);
            if (b == '{' || b == '[') {
                return true;
            }
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return false;
    }

    /**
     * Reads a JSON envelope: every member but {@code list} into {@code envelope} as a tree (they
     * are few and small), and the list's items as they stream past, each with the kept fields only.
     * Returns null when the body is not a JSON object; an answer without a list has no items.
     */
    private static List<Map<String, String>> streamEnvelope(JsonParser parser, ObjectNode envelope, Set<String> keep) {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            return null; // reported as "not an object" by the caller, as a tree would be
        }
        List<Map<String, String>> items = List.of();
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            if (name.equals("list")) {
                items = streamItems(parser, keep);
            } else {
                envelope.set(name, MEMBER.readTree(parser));
            }
        }
        if (parser.nextToken() != null) {
            throw new ResponseFormatException("response is not well-formed JSON: content after the object", null);
        }
        return Collections.unmodifiableList(items);
    }

    /** The items of a list value: an array, an object keyed by index, either holding arrays of items. */
    private static List<Map<String, String>> streamItems(JsonParser parser, Set<String> keep) {
        JsonToken token = parser.currentToken();
        if (token != JsonToken.START_ARRAY && token != JsonToken.START_OBJECT) {
            return List.of(); // absent or null
        }
        List<Map<String, String>> items = new ArrayList<>();
        // Every item repeats the same few dozen field names: decide each name once, not once an item.
        Map<String, Boolean> kept = new HashMap<>();
        JsonToken end = token == JsonToken.START_ARRAY ? JsonToken.END_ARRAY : JsonToken.END_OBJECT;
        for (JsonToken next = parser.nextToken(); next != end; next = parser.nextToken()) {
            if (next == JsonToken.PROPERTY_NAME) {
                next = parser.nextToken();
            }
            if (next == JsonToken.START_ARRAY) {
                for (JsonToken element = parser.nextToken(); element != JsonToken.END_ARRAY; element = parser.nextToken()) {
                    items.add(streamItem(parser, keep, kept));
                }
            } else {
                items.add(streamItem(parser, keep, kept));
            }
        }
        return items;
    }

    private static Map<String, String> streamItem(JsonParser parser, Set<String> keep, Map<String, Boolean> kept) {
        JsonToken token = parser.currentToken();
        if (token != JsonToken.START_OBJECT) {
            throw new ResponseFormatException("a list item is not an object: " + nodeType(token), null);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            // get then put, not computeIfAbsent: its capturing lambda was allocated for every field
            // of every record (5,000 records of ~25 fields a key read).
            Boolean keepIt = kept.get(name);
            if (keepIt == null) {
                keepIt = keep.contains(name.toLowerCase(Locale.ROOT));
                kept.put(name, keepIt);
            }
            if (!keepIt) {
                parser.skipChildren();
            } else if (value.isScalarValue()) {
                fields.put(name, value == JsonToken.VALUE_NULL ? "" : parser.getString());
            } else {
                fields.put(name, MEMBER.readTree(parser).toString());
            }
        }
        return Collections.unmodifiableMap(fields);
    }

    private static String nodeType(JsonToken token) {
        return switch (token) {
            case START_ARRAY -> "ARRAY";
            case VALUE_STRING -> "STRING";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "NUMBER";
            case VALUE_TRUE, VALUE_FALSE -> "BOOLEAN";
            case VALUE_NULL -> "NULL";
            default -> token.name();
        };
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

    private static List<Map<String, String>> items(JsonNode list, Set<String> keep) {
        if (list == null || list.isNull() || !list.isContainer()) {
            return List.of(); // absent, null, or an empty XML element
        }
        List<Map<String, String>> items = new ArrayList<>();
        for (JsonNode child : list.values()) {
            if (child.isArray()) {
                child.values().forEach(element -> items.add(item(element, keep)));
            } else {
                items.add(item(child, keep));
            }
        }
        return Collections.unmodifiableList(items);
    }

    private static Map<String, String> item(JsonNode node, Set<String> keep) {
        if (!node.isObject()) {
            throw new ResponseFormatException("a list item is not an object: " + node.getNodeType(), null);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (keep != null && !keep.contains(field.getKey().toLowerCase(Locale.ROOT))) {
                continue;
            }
            String value = text(field.getValue());
            fields.put(field.getKey(), value == null ? "" : value);
        }
        return Collections.unmodifiableMap(fields);
    }
}
