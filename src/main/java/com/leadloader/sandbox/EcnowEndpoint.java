package com.leadloader.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code ecnow.php} (ecnow_records, ecnow_datasets, campaign_tables, campaign_fields) and
 * {@code database.php} (outcomecodes): checks the token, then answers as the seeds document.
 */
final class EcnowEndpoint {

    private final SandboxStore store;
    private final PayloadParser payloads;

    EcnowEndpoint(SandboxStore store, PayloadParser payloads) {
        this.store = store;
        this.payloads = payloads;
    }

    /** A token failure, or null when the token is good. */
    Reply checkToken(ApiRequest request) {
        String token = request.param("token");
        return switch (store.tokens().check(token)) {
            case VALID -> null;
            case EXPIRED -> Reply.error("Expired token").with("expire", -1);
            case UNKNOWN -> Reply.error("Unknown token");
        };
    }

    Reply ecnow(ApiRequest request) {
        String method = request.lowerParam("method");
        String action = request.lowerParam("action");
        String m = method == null ? "" : method;
        String a = action == null ? "" : action;
        return switch (m) {
            case "ecnow_records" -> switch (a) {
                case "create" -> createRecords(request);
                case "read" -> readRecords(request);
                case "update" -> updateRecords(request);
                default -> unknownAction(m, a);
            };
            case "ecnow_datasets" -> switch (a) {
                case "create" -> write(store.createDatasets(rows(request)), true, request);
                case "read" -> list(store.readDatasets(request.params), "ecnow_dataset");
                case "update" -> write(store.updateDatasets(rows(request)), false, request);
                default -> unknownAction(m, a);
            };
            case "campaign_tables" -> a.equals("read") ? tables() : unknownAction(m, a);
            case "campaign_fields" -> a.equals("read") ? fields(request) : unknownAction(m, a);
            default -> Reply.error("Unknown method [" + m + "].");
        };
    }

    Reply database(ApiRequest request) {
        String method = request.lowerParam("method");
        String action = request.lowerParam("action");
        String m = method == null ? "" : method;
        String a = action == null ? "" : action;
        if (!m.equals("outcomecodes")) {
            return Reply.error("Unknown method [" + m + "].");
        }
        if (!a.equals("read")) {
            return unknownAction(m, a);
        }
        String completeFilter = request.param("complete");
        List<Map<String, String>> list = new ArrayList<>();
        for (OutcomeCodeConfig code : store.outcomeCodes()) {
            if (completeFilter != null && !completeFilter.equalsIgnoreCase(code.complete())) {
                continue;
            }
            Map<String, String> item = new LinkedHashMap<>();
            item.put("outcomecode", String.valueOf(code.code()));
            item.put("description", code.description());
            item.put("complete", code.complete());
            list.add(item);
        }
        return list(list, "outcomecode");
    }

    private Reply createRecords(ApiRequest request) {
        WriteResult result = store.create(request.param("table"), payloads.parse(request.payload));
        return write(result, true, request);
    }

    private Reply updateRecords(ApiRequest request) {
        List<Map<String, String>> rows = payloads.parse(request.payload);
        // The support article lists id as an argument of update: a query parameter fills it in.
        for (Map<String, String> row : rows) {
            for (String name : new String[] {"id", "dataset"}) {
                String fromQuery = request.param(name);
                if (fromQuery != null && row.keySet().stream().noneMatch(k -> k.equalsIgnoreCase(name))) {
                    row.put(name, fromQuery);
                }
            }
        }
        return write(store.update(request.param("table"), rows), false, request);
    }

    private Reply readRecords(ApiRequest request) {
        return list(store.read(query(request)), "ecnow_record");
    }

    private Reply write(WriteResult result, boolean create, ApiRequest request) {
        Reply reply = Reply.ok("item")
                .with("account_id", store.accountId())
                .with("total", result.total())
                .with("bad", result.bad());
        if (create && result.total() > 0) {
            reply.with("key", result.key());
        } else if (!create && "xml".equals(request.lowerParam("format"))) {
            reply.with("key", 0); // the support article's XML update response carries <key>0</key>
        }
        if (result.error() != null) {
            reply.with("error", result.error());
        }
        if (result.info() != null) {
            reply.with("info", result.info());
        }
        return reply;
    }

    private List<Map<String, String>> rows(ApiRequest request) {
        if (request.payload.length > 0) {
            return payloads.parse(request.payload);
        }
        Map<String, String> row = new LinkedHashMap<>(request.params);
        for (String transport : new String[] {"token", "method", "action", "format", "raw", "campaign"}) {
            row.remove(transport);
        }
        return new ArrayList<>(List.of(row));
    }

    private Reply tables() {
        List<Map<String, String>> list = new ArrayList<>();
        for (String name : store.tableNames()) {
            list.add(Map.of("name", name));
        }
        return list(list, "campaign_table");
    }

    private Reply fields(ApiRequest request) {
        String tableFilter = request.param("table");
        String nameFilter = request.param("name");
        List<TableSchema> schemas = new ArrayList<>();
        if (tableFilter != null) {
            schemas.add(store.table(tableFilter));
        } else {
            store.tableNames().forEach(n -> schemas.add(store.table(n)));
        }
        List<Map<String, String>> list = new ArrayList<>();
        for (TableSchema schema : schemas) {
            for (int i = 0; i < schema.size(); i++) {
                CampaignFieldConfig f = schema.fields.get(i);
                if (nameFilter != null && !nameFilter.equalsIgnoreCase(f.name())) {
                    continue;
                }
                Map<String, String> item = new LinkedHashMap<>();
                item.put("position", String.valueOf(i + 1));
                item.put("table", schema.name);
                item.put("name", f.name());
                item.put("size", String.valueOf(f.size()));
                item.put("standard_field", f.standardField() ? "1" : "0");
                item.put("group_name", f.groupName());
                item.put("type", f.type());
                item.put("prompt", f.prompt());
                item.put("readonly", f.readonly() ? "Y" : "N");
                item.put("search", "yes");
                item.put("hidden", f.hidden() ? "Y" : "N");
                item.put("hidden_on_script", "N");
                item.put("order", String.valueOf(i));
                item.put("picklist", f.picklist());
                item.put("required", f.required() ? "Y" : "N");
                list.add(item);
            }
        }
        return list(list, "campaign_field");
    }

    private static Reply list(List<Map<String, String>> list, String itemName) {
        return Reply.ok(itemName).with("total", list.size()).with("list", list);
    }

    private static Reply unknownAction(String method, String action) {
        return Reply.error("Unknown action [" + action + "] for method [" + method + "].");
    }

    private static ReadQuery query(ApiRequest request) {
        Integer dataset = null;
        String datasetText = request.param("dataset");
        if (datasetText != null) {
            try {
                dataset = Integer.parseInt(datasetText);
            } catch (NumberFormatException e) {
                throw new ApiError("Dataset [" + datasetText + "] does not exist.");
            }
        }
        Set<Long> ids = new LinkedHashSet<>();
        for (String id : split(request.param("id"))) {
            try {
                ids.add(Long.parseLong(id));
            } catch (NumberFormatException e) {
                throw new ApiError("Record id [" + id + "] is not a number.");
            }
        }
        Set<Integer> outcomes = new LinkedHashSet<>();
        for (String code : split(request.param("outcome"))) {
            try {
                outcomes.add(Integer.parseInt(code));
            } catch (NumberFormatException e) {
                throw new ApiError("Outcome code [" + code + "] is not a number.");
            }
        }
        Map<String, String> search = new LinkedHashMap<>();
        request.search.forEach((k, v) -> {
            if (v != null && !v.isEmpty()) {
                search.put(k, v);
            }
        });
        return new ReadQuery(request.param("table"), dataset, ids, outcomes, request.param("agent"),
                request.param("ddi"), search, "exact".equals(request.lowerParam("type")), request.lowerParam("mode"),
                request.lowerParam("timetype"), request.param("tstart"), request.param("tstop"));
    }

    private static List<String> split(String list) {
        if (list == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String part : list.split(",")) {
            if (!part.isBlank()) {
                out.add(part.trim().toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }
}
