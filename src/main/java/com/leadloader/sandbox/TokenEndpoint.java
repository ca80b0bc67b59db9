package com.leadloader.sandbox;

/**
 * {@code token.php}: {@code action=get} issues a token for good credentials, {@code action=validate}
 * reports whether one still lives. Texts as the vendor's token documentation gives them.
 */
final class TokenEndpoint {

    private final TokenRegistry tokens;

    TokenEndpoint(TokenRegistry tokens) {
        this.tokens = tokens;
    }

    Reply handle(ApiRequest request) {
        String action = request.lowerParam("action");
        if ("get".equals(action)) {
            return tokens.issue(request.param("username"), request.params.get("password"))
                    .map(t -> Reply.ok("token").with("token", t.token()).with("expire", t.expireEpochSeconds()))
                    .orElseGet(() -> Reply.error("Authentication failure"));
        }
        if ("validate".equals(action)) {
            String token = request.param("token");
            return switch (tokens.check(token)) {
                case VALID -> Reply.ok("token").with("expire", tokens.expireEpochSeconds(token));
                case EXPIRED -> Reply.error("Expired token").with("expire", -1);
                case UNKNOWN -> Reply.error("Invalid token");
            };
        }
        return Reply.error("Unknown action [" + (action == null ? "" : action) + "].");
    }
}
