package io.tenure.web.problem;

import io.tenure.web.console.ConsoleModel;
import io.tenure.web.security.PermissionInterceptor;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every error answered by a handler (or by the lack of one) becomes a {@link Problem}: written as
 * {@code application/problem+json} to API clients, and as the console's error page to a browser (a
 * request that accepts HTML and is not under {@code /api/}). A 500 says only that something went
 * wrong, with an id to find the logged exception by; no stack trace is ever answered.
 */
@ControllerAdvice
@ConditionalOnWebApplication
class ProblemResponses {

  private static final System.Logger LOG = System.getLogger(ProblemResponses.class.getName());

  @ExceptionHandler(BadRequest.class)
  ModelAndView badRequest(BadRequest e, HttpServletRequest request) {
    return answer(HttpStatus.BAD_REQUEST, e.getMessage(), request);
  }

  @ExceptionHandler({
    MissingServletRequestParameterException.class,
    MethodArgumentTypeMismatchException.class,
    HttpMessageNotReadableException.class
  })
  ModelAndView unreadable(Exception e, HttpServletRequest request) {
    String detail =
        e instanceof MissingServletRequestParameterException missing
            ? "the parameter " + missing.getParameterName() + " is required"
            : e instanceof MethodArgumentTypeMismatchException mismatch
                ? "the parameter " + mismatch.getName() + " has a value of the wrong type"
                : "the request body is not valid";
    return answer(HttpStatus.BAD_REQUEST, detail, request);
  }

  @ExceptionHandler(NotFound.class)
  ModelAndView notFound(NotFound e, HttpServletRequest request) {
    return answer(HttpStatus.NOT_FOUND, e.getMessage(), request);
  }

  @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
  ModelAndView noSuchPath(Exception e, HttpServletRequest request) {
    return answer(HttpStatus.NOT_FOUND, "there is nothing at " + request.getRequestURI(), request);
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ModelAndView wrongMethod(HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
    return answer(
        HttpStatus.METHOD_NOT_ALLOWED,
        request.getMethod() + " is not allowed on " + request.getRequestURI(),
        request);
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ModelAndView wrongMediaType(HttpServletRequest request) {
    return answer(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "send the body as application/json", request);
  }

  @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
  ModelAndView notAcceptable(HttpServletRequest request) {
    return answer(
        HttpStatus.NOT_ACCEPTABLE, "this resource is available as application/json", request);
  }

  @ExceptionHandler({PermissionInterceptor.Forbidden.class, AccessDeniedException.class})
  ModelAndView forbidden(RuntimeException e, HttpServletRequest request) {
    String detail =
        e instanceof PermissionInterceptor.Forbidden
            ? e.getMessage()
            : "your roles do not allow this";
    return answer(HttpStatus.FORBIDDEN, detail, request);
  }

  @ExceptionHandler({Conflict.class, IllegalStateException.class})
  ModelAndView conflict(RuntimeException e, HttpServletRequest request) {
    return answer(HttpStatus.CONFLICT, e.getMessage(), request);
  }

  @ExceptionHandler(Exception.class)
  ModelAndView unexpected(Exception e, HttpServletRequest request) {
    String id = UUID.randomUUID().toString();
    LOG.log(
        System.Logger.Level.ERROR,
        "unexpected error "
            + id
            + " answering "
            + request.getMethod()
            + " "
            + request.getRequestURI(),
        e);
    return answer(
        HttpStatus.INTERNAL_SERVER_ERROR,
        "something went wrong on our side; the server's log has the details under " + id,
        request);
  }

  private static ModelAndView answer(
      HttpStatus status,
      @org.jspecify.annotations.Nullable String detail,
      HttpServletRequest request) {
    Problem problem =
        Problem.of(status, detail == null ? status.getReasonPhrase() : detail, request);
    if (wantsPage(request)) {
      Map<String, Object> model = new java.util.HashMap<>(ConsoleModel.attributes());
      model.put("problem", problem);
      return new ModelAndView("console/error", model, status);
    }
    ModelAndView json = new ModelAndView(new ProblemView(problem));
    json.setStatus(status);
    return json;
  }

  /** Whether the request comes from a browser for the console rather than an API client. */
  static boolean wantsPage(HttpServletRequest request) {
    if (request.getRequestURI().startsWith("/api/")
        || request.getRequestURI().startsWith("/scim/")) {
      return false;
    }
    String accept = request.getHeader("Accept");
    return accept != null && accept.contains(MediaType.TEXT_HTML_VALUE);
  }

  /** Renders a problem as {@code application/problem+json}. */
  private record ProblemView(Problem problem) implements View {

    @Override
    public String getContentType() {
      return Problem.MEDIA_TYPE;
    }

    @Override
    public void render(
        @org.jspecify.annotations.Nullable Map<String, ?> model,
        HttpServletRequest request,
        HttpServletResponse response)
        throws Exception {
      problem.write(response);
    }
  }
}
