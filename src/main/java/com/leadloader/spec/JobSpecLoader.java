package com.leadloader.spec;

import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PlaceholdersResolver;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.convert.ConverterNotFoundException;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.util.PropertyPlaceholderHelper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Reads a job spec from YAML with Spring Boot's binder and checks it. Returns a spec every later
 * stage can trust, or throws one {@link SpecException} listing every mistake found, each naming
 * the file, the key and what is allowed.
 */
public final class JobSpecLoader {

    private JobSpecLoader() {
    }

    /** Loads a spec that uses no {@code ${param}} placeholders. */
    public static JobSpec load(Path file) {
        return load(file, Map.of());
    }

    /**
     * Loads a spec, replacing each {@code ${k}} in its values with {@code params.get(k)}
     * (the command line's {@code --param k=v}); a placeholder without a value is an error.
     */
    public static JobSpec load(Path file, Map<String, String> params) {
        String where = file.toString();
        for (Map.Entry<String, String> param : params.entrySet()) {
            if (param.getKey().isBlank()) {
                throw new SpecException("--param '" + param.getKey() + "=" + param.getValue()
                        + "': a parameter needs a name (--param NAME=VALUE)");
            }
        }
        PropertySource<?> yaml = readYaml(file, where);
        List<String> problems = new ArrayList<>();
        checkPlaceholders(yaml, params, where, problems);
        Set<String> sameField = checkMappingKeys(yaml, where, problems);

        Collector collector = new Collector(where, problems, sameField);
        BindHandler handler = new NoUnboundElementsBindHandler(collector);
        Binder binder = new Binder(ConfigurationPropertySources.from(yaml), placeholders(params), conversionService());
        try {
            binder.bind(ConfigurationPropertyName.EMPTY, Bindable.of(JobSpec.class), handler);
        } catch (BindException ex) {
            if (ex.getCause() instanceof UnboundConfigurationPropertiesException unbound) {
                collector.reportUnknown(unbound.getUnboundProperties());
            } else {
                problems.add(where + ": " + oneLine(ex.getMessage()));
            }
        }
        JobSpec bound = collector.root;
        if (bound == null) {
            bound = new JobSpec(null, null, null, null, null, null, null, null, null);
        }
        if (bound.name() == null || bound.name().isBlank()) {
            bound = withName(bound, baseName(file));
        }
        new JobSpecChecks(where, problems).check(bound);
        if (!problems.isEmpty()) {
            throw new SpecException(List.copyOf(new LinkedHashSet<>(problems)));
        }
        return bound;
    }

    private static PropertySource<?> readYaml(Path file, String where) {
        if (Files.isDirectory(file)) {
            throw new SpecException(where + ": is a directory, not a job spec: give one .yml file in it");
        }
        if (!Files.exists(file)) {
            throw new SpecException(where + ": no such file (paths are relative to the current directory, "
                    + Path.of("").toAbsolutePath() + ")");
        }
        if (!Files.isRegularFile(file)) {
            throw new SpecException(where + ": is not a regular file (a device or a pipe): give a .yml job spec");
        }
        if (!Files.isReadable(file)) {
            throw new SpecException(where + ": cannot be read (permission denied): let the user running leadloader read it");
        }
        List<PropertySource<?>> documents;
        try {
            documents = new YamlPropertySourceLoader().load(where, new FileSystemResource(file));
        } catch (IOException ex) {
            throw new SpecException(where + ": cannot be read (" + oneLine(String.valueOf(ex.getMessage())) + ")");
        } catch (RuntimeException ex) {
            throw new SpecException(where + ": not valid YAML: " + oneLine(ex.getMessage()));
        }
        if (documents.isEmpty()) {
            throw new SpecException(where + ": the file is empty; a job spec needs at least source, target and mapping");
        }
        if (documents.size() > 1) {
            throw new SpecException(where + ": holds " + documents.size() + " YAML documents (---); a job spec is one");
        }
        return documents.get(0);
    }

    private static void checkPlaceholders(PropertySource<?> yaml, Map<String, String> params, String where,
                                          List<String> problems) {
        if (!(yaml instanceof EnumerablePropertySource<?> enumerable)) {
            return;
        }
        PropertyPlaceholderHelper helper = new PropertyPlaceholderHelper("${", "}", null, null, true);
        for (String key : enumerable.getPropertyNames()) {
            Object value = yaml.getProperty(key);
            if (value != null && value.toString().contains("${")) {
                Set<String> missing = new TreeSet<>();
                helper.replacePlaceholders(value.toString(), name -> {
                    String resolved = params.get(name);
                    if (resolved == null) {
                        missing.add(name);
                    }
                    return resolved;
                });
                for (String name : missing) {
                    problems.add(where + ": " + key + ": no value for the parameter '${" + name
                            + "}' (pass --param " + name + "=VALUE)");
                }
            }
        }
    }

    /**
     * Mapping keys that name one field twice: ContactNow matches field names whatever their case,
     * and the binder reads {@code MobilePhone} and {@code mobilephone} (or {@code First-Name} and
     * {@code first_name}) as one key, so one rule would silently replace the other. Read from the
     * YAML itself, as the bound map no longer shows it.
     *
     * @return the keys reported, as written
     */
    private static Set<String> checkMappingKeys(PropertySource<?> yaml, String where, List<String> problems) {
        Map<String, String> keys = new LinkedHashMap<>(); // as written -> as the binder reads it
        for (ConfigurationPropertySource source : ConfigurationPropertySources.from(yaml)) {
            if (source instanceof IterableConfigurationPropertySource iterable) {
                iterable.stream().filter(name -> name.getNumberOfElements() > 1
                                && name.getElement(0, ConfigurationPropertyName.Form.UNIFORM).equals("mapping"))
                        .forEach(name -> keys.putIfAbsent(name.getElement(1, ConfigurationPropertyName.Form.ORIGINAL),
                                name.getElement(1, ConfigurationPropertyName.Form.UNIFORM)));
            }
        }
        Set<String> reported = new LinkedHashSet<>();
        List<String> written = new ArrayList<>(keys.keySet());
        for (String key : written) {
            if (reported.contains(key)) {
                continue;
            }
            List<String> same = written.stream().filter(other -> other.equalsIgnoreCase(key)
                    || keys.get(other).equals(keys.get(key))).toList();
            if (same.size() > 1) {
                reported.addAll(same);
                problems.add(where + ": mapping: " + same.stream().map(k -> "'" + k + "'")
                        .collect(Collectors.joining(" and ")) + " name the same field (mapping keys are matched"
                        + " ignoring case, '-' and '_'), so one would silently replace the other; keep one of them");
            }
        }
        return reported;
    }

    private static PlaceholdersResolver placeholders(Map<String, String> params) {
        PropertyPlaceholderHelper helper = new PropertyPlaceholderHelper("${", "}", null, null, true);
        return value -> value instanceof String text ? helper.replacePlaceholders(text, params::get) : value;
    }

    private static ApplicationConversionService conversionService() {
        ApplicationConversionService conversion = new ApplicationConversionService();
        // A mapping written as a plain string is shorthand for {column: ...}.
        conversion.addConverter(String.class, FieldMapping.class,
                (Converter<String, FieldMapping>) FieldMapping::ofColumn);
        return conversion;
    }

    private static JobSpec withName(JobSpec spec, String name) {
        return new JobSpec(name, spec.source(), spec.target(), spec.mapping(), spec.phones(), spec.dedupe(),
                spec.suppression(), spec.validation(), spec.load());
    }

    private static String baseName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    static String oneLine(String message) {
        if (message == null) {
            return "(no detail)";
        }
        return message.replaceAll("\\s*\\R\\s*", " ").trim();
    }

    /**
     * Records every binding failure instead of stopping at the first, remembers every key the
     * binder asked for (so an unbound key can be matched to the nearest real one), and keeps the root.
     */
    private static final class Collector extends AbstractBindHandler {

        private final String where;
        private final List<String> problems;
        private final Set<ConfigurationPropertyName> attempted = new HashSet<>();
        /** Mapping keys already reported as naming one field: the binder's leftovers of them are no news. */
        private final Set<String> sameField;
        private JobSpec root;

        Collector(String where, List<String> problems, Set<String> sameField) {
            this.where = where;
            this.problems = problems;
            this.sameField = sameField;
        }

        @Override
        public <T> Bindable<T> onStart(ConfigurationPropertyName name, Bindable<T> target, BindContext context) {
            attempted.add(name);
            return super.onStart(name, target, context);
        }

        @Override
        public Object onSuccess(ConfigurationPropertyName name, Bindable<?> target, BindContext context, Object result) {
            if (context.getDepth() == 0 && result instanceof JobSpec spec) {
                root = spec;
            }
            return super.onSuccess(name, target, context, result);
        }

        @Override
        public Object onFailure(ConfigurationPropertyName name, Bindable<?> target, BindContext context,
                                Exception error) {
            if (error instanceof UnboundConfigurationPropertiesException unbound) {
                reportUnknown(unbound.getUnboundProperties());
                return null;
            }
            if (error.getCause() instanceof UnboundConfigurationPropertiesException unbound) {
                // A list whose bad element was already reported on its own key.
                reportUnknown(unbound.getUnboundProperties());
                return null;
            }
            ConfigurationProperty property = context.getConfigurationProperty();
            Object value = property == null ? null : property.getValue();
            problems.add(where + ": " + display(name) + ": " + describe(target, value, error));
            return null;
        }

        private void reportUnknown(Collection<ConfigurationProperty> unbound) {
            Set<String> reported = new LinkedHashSet<>();
            for (ConfigurationProperty property : unbound) {
                ConfigurationPropertyName name = property.getName();
                if (attempted.contains(name)) {
                    continue; // a known key whose value failed or was empty: reported elsewhere
                }
                if (name.getNumberOfElements() > 1 && name.getElement(0, ConfigurationPropertyName.Form.UNIFORM).equals("mapping")
                        && sameField.contains(name.getElement(1, ConfigurationPropertyName.Form.ORIGINAL))) {
                    continue;
                }
                // Report the first unknown element only: 'sourse.csv.path' is one mistake, 'sourse'.
                ConfigurationPropertyName unknown = name;
                while (!unknown.getParent().isEmpty() && !attempted.contains(unknown.getParent())) {
                    unknown = unknown.getParent();
                }
                reported.add(where + ": " + display(unknown) + ": unknown key" + hint(unknown));
            }
            problems.addAll(reported);
        }

        /** " (did you mean 'X'?)" naming the closest key known beside {@code unknown}, or the empty string. */
        private String hint(ConfigurationPropertyName unknown) {
            ConfigurationPropertyName parent = unknown.getParent();
            List<String> siblings = new ArrayList<>();
            for (ConfigurationPropertyName candidate : attempted) {
                if (!candidate.isEmpty() && candidate.getParent().equals(parent) && !candidate.equals(unknown)) {
                    siblings.add(candidate.getLastElement(ConfigurationPropertyName.Form.DASHED));
                }
            }
            return Suggestions.hint(unknown.getLastElement(ConfigurationPropertyName.Form.DASHED), siblings);
        }
    }

    /** A key as the user wrote it: map keys keep their case, list elements show as [i]. */
    private static String display(ConfigurationPropertyName name) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < name.getNumberOfElements(); i++) {
            String element = name.getElement(i, ConfigurationPropertyName.Form.ORIGINAL);
            if (name.isNumericIndex(i)) {
                text.append('[').append(element).append(']');
            } else {
                text.append(text.isEmpty() ? "" : ".").append(element);
            }
        }
        return text.toString();
    }

    private static String describe(Bindable<?> target, Object value, Exception error) {
        Class<?> type = target.getType().resolve(Object.class);
        String shown = "'" + value + "'";
        if (value == null || error instanceof ConverterNotFoundException) {
            if (Collection.class.isAssignableFrom(type)) {
                return "expected a list, not " + shown;
            }
            if (type.isRecord() || Map.class.isAssignableFrom(type)) {
                return "expected a section of keys, not " + shown;
            }
        }
        if (type.isEnum()) {
            return shown + " is not one of " + Arrays.stream(type.getEnumConstants())
                    .map(Object::toString).collect(Collectors.joining(", "));
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return shown + " is not a whole number";
        }
        if (type == Double.class || type == double.class) {
            return shown + " is not a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return shown + " is not true or false";
        }
        if (type == Character.class || type == char.class) {
            return shown + " must be a single character (write a tab as \"\\t\")";
        }
        if (type == LocalDate.class) {
            return shown + " is not a date; write it as yyyy-MM-dd";
        }
        Throwable cause = error.getCause() != null ? error.getCause() : error;
        return shown + " cannot be used: " + oneLine(cause.getMessage());
    }
}
