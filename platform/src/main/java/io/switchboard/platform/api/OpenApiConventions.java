package io.switchboard.platform.api;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * What every API operation shares, written into the document once instead of on each controller: JSON responses,
 * the problem responses (RFC 9457) with their schema, and the meaning and bounds of the tenant and pagination
 * parameters. Webhook endpoints are left as their controllers describe them.
 */
@Component
class OpenApiConventions implements OpenApiCustomizer {

    static final String PROBLEM = "Problem";
    private static final String PROBLEM_REF = "#/components/schemas/" + PROBLEM;

    @Override
    public void customise(OpenAPI openApi) {
        openApi.getComponents().addSchemas(PROBLEM, problemSchema());
        openApi.getPaths().forEach((path, item) -> {
            if (path.startsWith("/api/")) {
                item.readOperations().forEach(OpenApiConventions::conventions);
            }
        });
    }

    private static void conventions(Operation operation) {
        ApiResponses responses = operation.getResponses();
        // The API answers JSON; springdoc writes */* for handlers that do not declare what they produce.
        responses.values().forEach(response -> {
            Content content = response.getContent();
            if (content != null && content.containsKey("*/*")) {
                content.put("application/json", content.remove("*/*"));
            }
        });
        add(responses, "400", problem("Invalid input: the fields at fault are listed under errors"));
        add(responses, "401", new ApiResponse().description("No valid bearer token"));
        add(responses, "403", new ApiResponse().description("The token may not do this: another tenant's path, or a "
                + "missing scope (api:write for changes, tenant:admin for users and API clients, platform:admin for platform "
                + "operations)"));
        add(responses, "404", problem("No such tenant or resource"));
        if (operation.getParameters() == null) {
            return;
        }
        for (Parameter parameter : operation.getParameters()) {
            switch (parameter.getName()) {
                case "tenant" -> describe(parameter, "the tenant's slug");
                case "limit" -> {
                    describe(parameter, "page size, 1 to " + Page.MAX_LIMIT);
                    parameter.getSchema().setMinimum(BigDecimal.ONE);
                    parameter.getSchema().setMaximum(BigDecimal.valueOf(Page.MAX_LIMIT));
                    parameter.getSchema().setDefault(Page.DEFAULT_LIMIT);
                }
                case "cursor" -> describe(parameter, "the nextCursor of the previous page; absent for the first page");
                default -> { }
            }
        }
    }

    private static void describe(Parameter parameter, String description) {
        if (parameter.getDescription() == null) {
            parameter.setDescription(description);
        }
    }

    private static void add(ApiResponses responses, String code, ApiResponse response) {
        if (!responses.containsKey(code)) {
            responses.addApiResponse(code, response);
        }
    }

    static ApiResponse problem(String description) {
        return new ApiResponse().description(description).content(new Content().addMediaType("application/problem+json",
                new MediaType().schema(new Schema<>().$ref(PROBLEM_REF))));
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema<?> problemSchema() {
        Map<String, Schema> properties = new java.util.LinkedHashMap<>();
        properties.put("type", typed("string").format("uri")
                .description("a stable URI per kind of error, such as https://switchboard.dev/problems/validation"));
        properties.put("title", typed("string").description("the HTTP status's reason"));
        properties.put("status", typed("integer").description("the HTTP status"));
        properties.put("detail", typed("string").description("what went wrong, for a person"));
        properties.put("instance", typed("string").format("uri").description("the request path"));
        properties.put("errors", typed("object").additionalProperties(typed("string"))
                .description("for invalid input: a message per field at fault"));
        return typed("object").description("An RFC 9457 problem").properties(properties);
    }

    private static Schema<Object> typed(String type) {
        return new Schema<>().type(type).types(Set.of(type));
    }
}
