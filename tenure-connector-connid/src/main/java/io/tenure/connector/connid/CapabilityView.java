package io.tenure.connector.connid;

import io.tenure.connector.spi.Connector;
import io.tenure.connector.spi.CreateCapability;
import io.tenure.connector.spi.DeleteCapability;
import io.tenure.connector.spi.EnableDisableCapability;
import io.tenure.connector.spi.EntitlementCapability;
import io.tenure.connector.spi.SearchCapability;
import io.tenure.connector.spi.TestCapability;
import io.tenure.connector.spi.UpdateCapability;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.identityconnectors.framework.api.operations.CreateApiOp;
import org.identityconnectors.framework.api.operations.DeleteApiOp;
import org.identityconnectors.framework.api.operations.GetApiOp;
import org.identityconnectors.framework.api.operations.SearchApiOp;
import org.identityconnectors.framework.api.operations.TestApiOp;

/**
 * Shows the engine, which asks for capabilities with {@code instanceof}, only the capabilities the
 * bundle supports: a {@link Proxy} implementing {@link Connector} and, of the capability
 * interfaces, those whose ConnId operations the connector has.
 *
 * <table>
 *   <caption>capability: needs</caption>
 *   <tr><td>{@link CreateCapability}</td><td>{@code CreateApiOp}</td></tr>
 *   <tr><td>{@link SearchCapability}</td><td>{@code SearchApiOp} and {@code GetApiOp}</td></tr>
 *   <tr><td>{@link UpdateCapability}</td><td>{@code UpdateDeltaApiOp} or {@code UpdateApiOp}</td></tr>
 *   <tr><td>{@link EnableDisableCapability}</td><td>an update, and {@code enabled.attribute} not
 *       {@code none}</td></tr>
 *   <tr><td>{@link EntitlementCapability}</td><td>{@code entitlements.style} not {@code none},
 *       search and an update</td></tr>
 *   <tr><td>{@link DeleteCapability}</td><td>{@code DeleteApiOp}</td></tr>
 *   <tr><td>{@link TestCapability}</td><td>{@code TestApiOp}</td></tr>
 * </table>
 */
final class CapabilityView {

  private CapabilityView() {}

  /** The connector as the engine sees it. */
  static Connector of(ConnIdConnector connector, ConnIdSettings settings) {
    ConnIdBundle bundle = connector.bundle();
    boolean search = bundle.supports(SearchApiOp.class) && bundle.supports(GetApiOp.class);
    boolean update = new ObjectChanges(bundle).supported();
    List<Class<?>> interfaces = new ArrayList<>(List.of(Connector.class));
    if (bundle.supports(CreateApiOp.class)) {
      interfaces.add(CreateCapability.class);
    }
    if (search) {
      interfaces.add(SearchCapability.class);
    }
    if (update) {
      interfaces.add(UpdateCapability.class);
    }
    if (update && settings.enabled().style() != EnabledMapping.Style.NONE) {
      interfaces.add(EnableDisableCapability.class);
    }
    if (update && search && settings.entitlements().style() != EntitlementSettings.Style.NONE) {
      interfaces.add(EntitlementCapability.class);
    }
    if (bundle.supports(DeleteApiOp.class)) {
      interfaces.add(DeleteCapability.class);
    }
    if (bundle.supports(TestApiOp.class)) {
      interfaces.add(TestCapability.class);
    }
    return (Connector)
        Proxy.newProxyInstance(
            CapabilityView.class.getClassLoader(),
            interfaces.toArray(Class<?>[]::new),
            new Delegation(connector));
  }

  /** The connector behind a view made by {@link #of}. */
  static ConnIdConnector unwrap(Connector view) {
    return ((Delegation) Proxy.getInvocationHandler(view)).connector;
  }

  private record Delegation(ConnIdConnector connector) implements InvocationHandler {
    @Override
    public Object invoke(Object proxy, Method method, Object[] arguments) throws Throwable {
      if (method.getDeclaringClass() == Object.class) {
        return switch (method.getName()) {
          case "equals" -> proxy == arguments[0];
          case "hashCode" -> System.identityHashCode(proxy);
          default -> connector.toString();
        };
      }
      try {
        return method.invoke(connector, arguments);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }
  }
}
