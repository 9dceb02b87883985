package io.tenure.web.api;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Documents a handler's raw JSON body as {@code {"reason": "..."}} in the OpenAPI description (the
 * handler reads it with {@link Parameters#requiredReason} or {@link Parameters#optionalReason}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
@io.swagger.v3.oas.annotations.parameters.RequestBody(
    content =
        @Content(
            mediaType = "application/json",
            schema = @Schema(implementation = PlanViews.ReasonBody.class)))
@interface ReasonBody {}
