package com.leadloader.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;

/** A response envelope in the making, and the element name of its list items in XML. */
final class Reply {

    final Map<String, Object> envelope = new LinkedHashMap<>();
    final String itemName;

    private Reply(boolean success, String itemName) {
        envelope.put("success", success);
        this.itemName = itemName;
    }

    static Reply ok(String itemName) {
        return new Reply(true, itemName);
    }

    static Reply error(String message) {
        Reply reply = new Reply(false, "item");
        reply.envelope.put("error", message);
        return reply;
    }

    Reply with(String key, Object value) {
        envelope.put(key, value);
        return this;
    }
}
