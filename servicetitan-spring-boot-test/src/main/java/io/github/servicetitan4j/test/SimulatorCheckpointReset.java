package io.github.servicetitan4j.test;

import io.github.servicetitan4j.export.ExportCheckpointStore;

import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.ClassUtils;

/**
 * Clears the starter's export checkpoint store of a Spring context whenever the simulator is reset, so that an export
 * test after a reset reads the new data from its beginning instead of resuming at a token of the old data. Only the
 * starter's own store is cleared (the bean its auto-configuration defined, also when export leases wrap it); an
 * application's own {@link ExportCheckpointStore} is left alone, whatever its class.
 */
final class SimulatorCheckpointReset {

	private static final boolean STARTER_PRESENT = ClassUtils.isPresent(
			"io.github.servicetitan4j.export.ExportCheckpointStore", SimulatorCheckpointReset.class.getClassLoader());

	/** The name of the starter's checkpoint store bean. */
	private static final String BEAN_NAME = "serviceTitanExportCheckpointStore";

	/** The configuration (and its nested configurations) that defines it, imported by the auto-configuration. */
	private static final String STARTER_CONFIGURATION = "io.github.servicetitan4j.autoconfigure."
			+ "ServiceTitanExportCheckpointConfiguration";

	private SimulatorCheckpointReset() {
	}

	/**
	 * Clears the context's checkpoint store on each reset of the simulator, when the starter is on the class path.
	 * @param simulator the simulator
	 * @param context the context holding the store
	 */
	static void register(ServiceTitanSimulator simulator, ConfigurableApplicationContext context) {
		if (STARTER_PRESENT) {
			simulator.onReset(() -> clear(context));
		}
	}

	/**
	 * Like {@link #register(ServiceTitanSimulator, ConfigurableApplicationContext)}, for a simulator started before its
	 * context exists: clears the stores the bean factory has created by then, creating none.
	 * @param simulator the simulator
	 * @param beanFactory the bean factory holding the store
	 */
	static void register(ServiceTitanSimulator simulator, DefaultListableBeanFactory beanFactory) {
		if (STARTER_PRESENT) {
			simulator.onReset(() -> {
				if (isStartersStore(beanFactory)
						&& beanFactory.getSingleton(BEAN_NAME) instanceof ExportCheckpointStore store) {
					clear(store);
				}
			});
		}
	}

	private static void clear(ConfigurableApplicationContext context) {
		if (context.isActive() && isStartersStore(context.getBeanFactory())
				&& context.getBean(BEAN_NAME) instanceof ExportCheckpointStore store) {
			clear(store);
		}
	}

	/**
	 * Whether the factory holds the store the starter's auto-configuration defined (an application's own store may be
	 * of the same class, and even under the same name, and is not ours to clear).
	 */
	private static boolean isStartersStore(ConfigurableListableBeanFactory beanFactory) {
		if (!beanFactory.containsBeanDefinition(BEAN_NAME)) {
			return false;
		}
		BeanDefinition definition = beanFactory.getBeanDefinition(BEAN_NAME);
		String declaringClass = (definition instanceof AnnotatedBeanDefinition annotated
				&& annotated.getFactoryMethodMetadata() != null)
						? annotated.getFactoryMethodMetadata().getDeclaringClassName() : definition.getFactoryBeanName();
		return declaringClass != null && declaringClass.startsWith(STARTER_CONFIGURATION);
	}

	private static void clear(ExportCheckpointStore store) {
		// Only the starter's stores reach here (and with export leases on, the starter's leased wrapper of one): each
		// forgets its checkpoints, the leased one in the store it wraps.
		store.clear();
	}

}
