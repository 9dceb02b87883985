package io.tenure.server;

import io.tenure.server.provisioning.Provisioning;
import io.tenure.server.store.JdbcStore;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/**
 * The application without a web server: only the store and the engine's services, without Spring
 * Boot's auto-configuration, so that every CLI command starts quickly.
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan(basePackageClasses = {JdbcStore.class, Provisioning.class})
class CommandLineApplication {}
