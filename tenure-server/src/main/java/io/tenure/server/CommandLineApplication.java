package io.tenure.server;

import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;

/**
 * The application without a web server: every configuration class of {@code io.tenure.server}
 * except the web's, without Spring Boot's auto-configuration, every bean lazy (a command creates
 * only what it uses), so that every CLI command starts quickly.
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan(
    basePackages = "io.tenure.server",
    excludeFilters = {
      @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE, classes = TenureApplication.class),
      @ComponentScan.Filter(type = FilterType.REGEX, pattern = "io\\.tenure\\.server\\.web\\..*")
    })
class CommandLineApplication {}
