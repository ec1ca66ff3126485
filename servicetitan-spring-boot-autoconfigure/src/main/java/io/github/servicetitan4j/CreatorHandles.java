package io.github.servicetitan4j;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.Version;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.deser.ValueInstantiator;
import tools.jackson.databind.deser.ValueInstantiators;
import tools.jackson.databind.deser.std.StdValueInstantiator;
import tools.jackson.databind.introspect.AnnotatedWithParams;
import tools.jackson.databind.util.ClassUtil;

/**
 * Calls property-based creators (a record's canonical constructor, a {@code @JsonCreator} constructor or static factory
 * that takes properties) through a spreader built once per creator. Jackson 3.1 calls them with
 * {@link MethodHandle#invokeWithArguments(Object...)}, which looks up a generic method type and adapts the handle to it
 * again on every call: about 7% of the thread binding records. Only Jackson's own {@link StdValueInstantiator} is
 * replaced, by a copy of it that differs in this call alone: the arguments are converted as
 * {@code invokeWithArguments} converts them (the same {@code asType}), and what the creator throws is handled as
 * Jackson handles it. Any other instantiator (the application's, another module's, Jackson's for JDK types) and any
 * creator it cannot look up is left to Jackson.
 */
final class CreatorHandles {

	private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();

	private CreatorHandles() {
	}

	/** The module that installs the instantiators, for the client's copy of the application's mapper. */
	static JacksonModule module() {
		return new JacksonModule() {

			@Override
			public String getModuleName() {
				return "servicetitan-creator-handles";
			}

			@Override
			public Object getRegistrationId() {
				return getModuleName();
			}

			@Override
			public Version version() {
				return Version.unknownVersion();
			}

			@Override
			public void setupModule(SetupContext context) {
				context.addValueInstantiators(new Instantiators());
			}

		};
	}

	/**
	 * The spreader for a creator: {@code (Object[])Object}, or null if the creator is not one this class calls (an
	 * instance method, a constructor with hidden parameters) or cannot be looked up from here (then Jackson, which
	 * looks it up the same way, reports the failure).
	 */
	static @Nullable MethodHandle spreader(AnnotatedWithParams creator) {
		Member member = creator.getMember();
		try {
			MethodHandle handle;
			if (member instanceof Constructor<?> constructor) {
				handle = LOOKUP.unreflectConstructor(constructor);
			}
			else if (member instanceof Method method && Modifier.isStatic(method.getModifiers())) {
				handle = LOOKUP.unreflect(method);
			}
			else {
				return null;
			}
			// As Jackson does: a variable-arity creator takes its array as one argument.
			handle = handle.asFixedArity();
			int arity = handle.type().parameterCount();
			if (arity != creator.getParameterCount()) {
				return null;
			}
			return handle.asType(MethodType.genericMethodType(arity)).asSpreader(Object[].class, arity);
		}
		catch (IllegalAccessException ex) {
			return null;
		}
	}

	private static final class Instantiators implements ValueInstantiators {

		@Override
		public @Nullable ValueInstantiator findValueInstantiator(DeserializationConfig config,
				BeanDescription.Supplier beanDescRef) {
			return null;
		}

		@Override
		public ValueInstantiator modifyValueInstantiator(DeserializationConfig config,
				BeanDescription.Supplier beanDescRef, ValueInstantiator instantiator) {
			if (instantiator.getClass() != StdValueInstantiator.class || !instantiator.canCreateFromObjectWith()) {
				return instantiator;
			}
			AnnotatedWithParams creator = instantiator.getWithArgsCreator();
			MethodHandle spreader = (creator != null) ? spreader(creator) : null;
			if (spreader == null) {
				return instantiator;
			}
			return new Spreading((StdValueInstantiator) instantiator, spreader, creator.getParameterCount());
		}

	}

	/** Jackson's instantiator, calling its property-based creator through a spreader. */
	static final class Spreading extends StdValueInstantiator {

		private final MethodHandle spreader;

		private final int arity;

		Spreading(StdValueInstantiator jackson, MethodHandle spreader, int arity) {
			super(jackson);
			this.spreader = spreader;
			this.arity = arity;
		}

		/** The spreader: {@code (Object[])Object}. */
		MethodHandle spreader() {
			return this.spreader;
		}

		/** How many arguments the creator takes. */
		int arity() {
			return this.arity;
		}

		@Override
		public Object createFromObjectWith(DeserializationContext context, Object @Nullable [] args) throws JacksonException {
			if (args == null || args.length != this.arity) {
				// Not a call the spreader takes: Jackson's own call, with Jackson's own failure.
				return super.createFromObjectWith(context, args);
			}
			try {
				return (Object) this.spreader.invokeExact(args);
			}
			catch (Exception ex) {
				// What StdValueInstantiator does with what its creator throws.
				return context.handleInstantiationProblem(this._valueClass, args, rewrapCtorProblem(context, ex));
			}
			catch (Throwable ex) {
				// Errors (and throwables that are neither) pass through Jackson untouched.
				throw ClassUtil.sneakyThrow(ex);
			}
		}

	}

}
