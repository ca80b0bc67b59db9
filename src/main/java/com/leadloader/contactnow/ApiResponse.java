package com.leadloader.contactnow;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The envelope every ContactNow script answers with, read from JSON or XML (contactnow-api.md,
 * "Response envelope"). Absent numbers are null; list items are field-to-text maps in server order.
 */
record ApiResponse(boolean success, Integer total, Integer bad, Long key, String info, String error, Long expire,
                   String token, List<Map<String, String>> list) {

    ApiResponse {
        list = list == null ? List.of() : list;
    }

    /** Whether the server refused the call for its token, so a fresh token may make it pass (vendor client rule). */
    boolean isTokenRefusal() {
        if (success) {
            return false;
        }
        if (expire != null && expire == -1) {
            return true;
        }
        if (error == null) {
            return false;
        }
        String text = error.toLowerCase(Locale.ROOT);
        return text.contains("expired token") || text.contains("invalid token") || text.contains("unknown token");
    }

    int totalOrZero() {
        return total == null ? 0 : total;
    }

    int badOrZero() {
        return bad == null ? 0 : bad;
    }
}
