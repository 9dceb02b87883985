package io.tenure.web.security;

import io.tenure.web.problem.Problem;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/** Answers 429 to a password login from an address {@link LoginAttempts} has blocked. */
final class LoginThrottleFilter extends OncePerRequestFilter {

  private final LoginAttempts attempts;

  LoginThrottleFilter(LoginAttempts attempts) {
    this.attempts = attempts;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if ("POST".equals(request.getMethod())
        && "/login".equals(request.getRequestURI())
        && attempts.blocked(request.getRemoteAddr())) {
      response.setHeader("Retry-After", "300");
      Problem.of(
              HttpStatus.TOO_MANY_REQUESTS,
              "too many failed logins from your address; try again in a few minutes",
              request)
          .write(response);
      return;
    }
    chain.doFilter(request, response);
  }
}
