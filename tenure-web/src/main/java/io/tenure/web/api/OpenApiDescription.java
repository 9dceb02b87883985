package io.tenure.web.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.tenure.web.problem.Problem;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI 3.1 description at {@code /v3/api-docs}: what the controllers declare, plus the
 * bearer-token security scheme and, on every operation, the RFC 9457 problems it may answer (400,
 * 401, 403, 404, 409).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class OpenApiDescription {

  private static final String PROBLEM = "Problem";
  private static final Map<String, String> PROBLEMS =
      Map.of(
          "400", "bad input: a parameter or the body is wrong (the detail says which)",
          "401", "no valid bearer token",
          "403", "the token's roles do not allow this",
          "404", "no such thing",
          "409", "the current state does not allow this");

  @Bean
  OpenAPI tenureOpenApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("Tenure API")
                .version("v1")
                .description(
                    "People, their access and why, plans, the durable queue, reconciliation"
                        + " findings and the audit trail of Tenure, the identity lifecycle engine."
                        + " Authenticate with Authorization: Bearer <token> (tenure token create"
                        + " --scope admin); a token acts as the user it is bound to, or as an"
                        + " administrator."))
        .components(
            new Components()
                .addSecuritySchemes(
                    "bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer"))
                .addSchemas(PROBLEM, problemSchema()))
        .addSecurityItem(new SecurityRequirement().addList("bearer"));
  }

  @Bean
  OpenApiCustomizer documentedProblems() {
    return openApi -> {
      if (openApi.getPaths() == null) {
        return;
      }
      openApi
          .getPaths()
          .values()
          .forEach(
              path ->
                  path.readOperations()
                      .forEach(
                          operation ->
                              PROBLEMS.forEach(
                                  (status, description) -> {
                                    if (operation.getResponses().get(status) == null) {
                                      operation
                                          .getResponses()
                                          .addApiResponse(
                                              status,
                                              new ApiResponse()
                                                  .description(description)
                                                  .content(
                                                      new Content()
                                                          .addMediaType(
                                                              Problem.MEDIA_TYPE,
                                                              new MediaType()
                                                                  .schema(
                                                                      new Schema<>()
                                                                          .$ref(
                                                                              "#/components/schemas/"
                                                                                  + PROBLEM)))));
                                    }
                                  })));
    };
  }

  private static Schema<?> problemSchema() {
    return new ObjectSchema()
        .description("An RFC 9457 problem")
        .addProperty("type", new StringSchema().example("about:blank"))
        .addProperty("title", new StringSchema().example("Not Found"))
        .addProperty("status", new IntegerSchema().example(404))
        .addProperty("detail", new StringSchema().example("there is no operation 42"))
        .addProperty("instance", new StringSchema().example("/api/v1/operations/42"))
        .addProperty(
            "error",
            new StringSchema().description("the detail again, for clients of the first version"));
  }
}
