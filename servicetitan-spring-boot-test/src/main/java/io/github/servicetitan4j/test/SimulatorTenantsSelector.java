package io.github.servicetitan4j.test;

import java.util.LinkedHashMap;
import java.util.List;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportSelector;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.type.AnnotationMetadata;

/**
 * The named tenants of {@link ServiceTitanSimulatorTestConfiguration}: when {@value #TENANTS_PROPERTY} names tenants,
 * starts the simulator with them, registers it as the {@code serviceTitanSimulator} bean (closed with the context) and
 * puts its {@code servicetitan.api-url}, {@code auth-url}, {@code app-key} and {@code servicetitan.tenants.<name>.*}
 * properties first in the environment. It has to happen while the configuration is read, before the starter's
 * auto-configuration decides between one tenant and many from those properties; a bean would be too late. It does
 * nothing without named tenants, the single tenant then coming from a {@code ServiceTitanConnectionDetails} bean.
 */
final class SimulatorTenantsSelector implements ImportSelector, EnvironmentAware, BeanFactoryAware {

	static final String TENANTS_PROPERTY = "servicetitan.simulator.tenants";

	static final String PROPERTY_SOURCE_NAME = "serviceTitanSimulatorTenants";

	private ConfigurableEnvironment environment;

	private DefaultListableBeanFactory beanFactory;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = (ConfigurableEnvironment) environment;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) throws BeansException {
		this.beanFactory = (DefaultListableBeanFactory) beanFactory;
	}

	static List<String> tenants(Environment environment) {
		return Binder.get(environment).bind(TENANTS_PROPERTY, Bindable.listOf(String.class)).orElse(List.of());
	}

	@Override
	public String[] selectImports(AnnotationMetadata importingClassMetadata) {
		List<String> tenants = tenants(this.environment);
		if (tenants.isEmpty() || this.beanFactory.containsSingleton(ServiceTitanSimulatorContextCustomizer.BEAN_NAME)) {
			return new String[0];
		}
		ServiceTitanSimulator.Builder builder = ServiceTitanSimulator.builder();
		tenants.forEach(builder::tenant);
		ServiceTitanSimulator simulator = builder.start();
		this.beanFactory.registerSingleton(ServiceTitanSimulatorContextCustomizer.BEAN_NAME, simulator);
		this.beanFactory.registerDisposableBean(ServiceTitanSimulatorContextCustomizer.BEAN_NAME, simulator::close);
		this.environment.getPropertySources()
			.addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, new LinkedHashMap<>(simulator.properties())));
		SimulatorCheckpointReset.register(simulator, this.beanFactory);
		return new String[0];
	}

}
