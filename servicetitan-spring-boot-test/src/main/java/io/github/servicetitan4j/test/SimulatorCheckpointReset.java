package io.github.servicetitan4j.test;

import io.github.servicetitan4j.export.ExportCheckpointStore;
import io.github.servicetitan4j.export.InMemoryExportCheckpointStore;
import io.github.servicetitan4j.export.JdbcExportCheckpointStore;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.ClassUtils;

/**
 * Clears the starter's export checkpoint store of a Spring context whenever the simulator is reset, so that an export
 * test after a reset reads the new data from its beginning instead of resuming at a token of the old data. Only the
 * starter's own stores are cleared; an application's own {@link ExportCheckpointStore} is left alone.
 */
final class SimulatorCheckpointReset {

	private static final boolean STARTER_PRESENT = ClassUtils.isPresent(
			"io.github.servicetitan4j.export.ExportCheckpointStore", SimulatorCheckpointReset.class.getClassLoader());

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
				for (String name : beanFactory.getBeanNamesForType(ExportCheckpointStore.class, false, false)) {
					if (beanFactory.getSingleton(name) instanceof ExportCheckpointStore store) {
						clear(store);
					}
				}
			});
		}
	}

	private static void clear(ConfigurableApplicationContext context) {
		if (!context.isActive()) {
			return;
		}
		context.getBeanProvider(ExportCheckpointStore.class).orderedStream().forEach(SimulatorCheckpointReset::clear);
	}

	private static void clear(ExportCheckpointStore store) {
		if (store instanceof InMemoryExportCheckpointStore memory) {
			memory.clear();
		}
		else if (store instanceof JdbcExportCheckpointStore jdbc) {
			jdbc.clear();
		}
	}

}
