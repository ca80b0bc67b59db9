package com.leadloader.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads sandbox YAML: the bundled default from the classpath, and user files laid over it
 * (objects merge key by key, lists replace). Errors name the file and the key path.
 */
final class SandboxConfigLoader {

    static final String DEFAULT_RESOURCE = "/com/leadloader/sandbox/sandbox.yml";

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private SandboxConfigLoader() {
    }

    static SandboxConfig defaults() {
        return bind(defaultTree(), "sandbox.yml (bundled)");
    }

    static SandboxConfig load(Path file) {
        return load(file, null);
    }

    /** The file over the bundled default; with {@code portUnlessNamed} as the port when the file names none. */
    static SandboxConfig load(Path file, Integer portUnlessNamed) {
        JsonNode user;
        try {
            user = YAML.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new SandboxConfigException(file + ": no such file", e);
        } catch (IOException e) {
            throw new SandboxConfigException(file + ": cannot be read (" + e.getMessage() + ")", e);
        } catch (JacksonException e) {
            throw new SandboxConfigException(file + ": not valid YAML: " + e.getOriginalMessage(), e);
        }
        boolean empty = user == null || user.isMissingNode() || user.isNull();
        if (!empty && !user.isObject()) {
            throw new SandboxConfigException(file + ": expected a mapping of keys (port, users, tables, ...)", null);
        }
        ObjectNode merged = defaultTree();
        if (portUnlessNamed != null && (empty || !user.has("port"))) {
            merged.put("port", portUnlessNamed);
        }
        if (empty) {
            return bind(merged, "sandbox.yml (bundled)");
        }
        merge(merged, (ObjectNode) user);
        return bind(merged, file.toString());
    }

    private static ObjectNode defaultTree() {
        try (InputStream in = SandboxConfigLoader.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the bundled " + DEFAULT_RESOURCE + " is missing from the classpath");
            }
            return (ObjectNode) YAML.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the bundled " + DEFAULT_RESOURCE, e);
        }
    }

    private static void merge(ObjectNode base, ObjectNode over) {
        for (Map.Entry<String, JsonNode> entry : over.properties()) {
            JsonNode existing = base.get(entry.getKey());
            if (existing != null && existing.isObject() && entry.getValue().isObject()) {
                merge((ObjectNode) existing, (ObjectNode) entry.getValue());
            } else {
                base.set(entry.getKey(), entry.getValue());
            }
        }
    }

    private static SandboxConfig bind(JsonNode tree, String source) {
        try {
            return YAML.treeToValue(tree, SandboxConfig.class);
        } catch (JacksonException e) {
            String path = path(e);
            throw new SandboxConfigException(source + ": " + (path.isEmpty() ? "" : path + ": ") + problem(e), e);
        } catch (IllegalArgumentException e) {
            throw new SandboxConfigException(source + ": " + e.getMessage(), e);
        }
    }

    private static String path(JacksonException e) {
        StringBuilder out = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static String problem(JacksonException e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof IllegalArgumentException && t.getMessage() != null) {
                return t.getMessage();
            }
        }
        String message = e.getOriginalMessage();
        if (message == null) {
            return "invalid value";
        }
        if (message.startsWith("Unrecognized property")) {
            return "unknown key";
        }
        int cut = message.indexOf('\n');
        return cut < 0 ? message : message.substring(0, cut);
    }
}
