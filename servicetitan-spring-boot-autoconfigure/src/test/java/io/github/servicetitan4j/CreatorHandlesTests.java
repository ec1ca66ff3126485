package io.github.servicetitan4j;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.servicetitan4j.ServiceTitanClientListener.CallDescriptor;
import io.github.servicetitan4j.errors.ServiceTitanException.ServiceTitanMappingException;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.deser.SettableBeanProperty;
import tools.jackson.databind.deser.ValueInstantiator;
import tools.jackson.databind.deser.bean.BeanDeserializerBase;
import tools.jackson.databind.deser.std.StdValueInstantiator;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The client's mapper copy calls property-based creators through a spreader built once per creator
 * ({@link CreatorHandles}); what a record is bound to, and how a creator's failure is reported, stay exactly Jackson's.
 * Each record here is read by the application's own mapper and by the client (bound from an envelope, and mapped from a
 * tree as strict records are), and the two must agree on the value or on the refusal.
 */
class CreatorHandlesTests {

	static final CallDescriptor CALL = new CallDescriptor("jpm", "jobs", "get_all");

	record Checked(long id, String name) {
		Checked {
			if (id < 0) {
				throw new IllegalArgumentException("id must not be negative: " + id);
			}
		}
	}

	record Unlucky(int number) {
		Unlucky {
			if (number == 13) {
				throw new AssertionError("13 is unlucky");
			}
		}
	}

	record Renamed(@JsonProperty("jobId") long id, @JsonProperty("title") String name, boolean active) {
	}

	record SnakeJob(long jobId, String jobStatus, int businessUnitId) {
	}

	record Box<T>(T value, List<T> values) {
	}

	record Tagged(String name, String... tags) {

		@Override
		public boolean equals(Object other) {
			return other instanceof Tagged tagged && Objects.equals(this.name, tagged.name)
					&& Arrays.equals(this.tags, tagged.tags);
		}

		@Override
		public int hashCode() {
			return Objects.hash(this.name, Arrays.hashCode(this.tags));
		}

		@Override
		public String toString() {
			return "Tagged[" + this.name + ", " + Arrays.toString(this.tags) + "]";
		}

	}

	private record Hidden(long id, String name) {
	}

	record One(long id) {
	}

	/** Notes who called its constructor. */
	record Traced(long id, String name) {

		static final List<StackTraceElement[]> callers = new java.util.concurrent.CopyOnWriteArrayList<>();

		Traced {
			callers.add(new Throwable().getStackTrace());
		}

	}

	record Primitives(long id, int count, double ratio, boolean active, char letter) {
	}

	record Wide(long id, String jobNumber, long customerId, long locationId, String jobStatus, long businessUnitId,
			long jobTypeId, String priority, long campaignId, String summary, boolean noCharge, String createdOn,
			String modifiedOn, List<Long> tagTypeIds, boolean active) {
	}

	/** A class with a {@code @JsonCreator} static factory that may throw a checked exception. */
	static final class Factory {

		final int amount;

		final String currency;

		private Factory(int amount, String currency) {
			this.amount = amount;
			this.currency = currency;
		}

		@JsonCreator
		static Factory of(@JsonProperty("amount") int amount, @JsonProperty("currency") String currency)
				throws IOException {
			if ("XXX".equals(currency)) {
				throw new IOException("no such currency: " + currency);
			}
			if ("ZZZ".equals(currency)) {
				throw new IllegalStateException("currency withdrawn: " + currency);
			}
			return new Factory(amount, currency);
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof Factory factory && this.amount == factory.amount
					&& Objects.equals(this.currency, factory.currency);
		}

		@Override
		public int hashCode() {
			return Objects.hash(this.amount, this.currency);
		}

		@Override
		public String toString() {
			return "Factory[" + this.amount + " " + this.currency + "]";
		}

	}

	/** A class with a {@code @JsonCreator} constructor taking renamed properties. */
	static final class Constructed {

		final long id;

		final String label;

		@JsonCreator
		Constructed(@JsonProperty("job_id") long id, @JsonProperty("label") String label) {
			if (label != null && label.isEmpty()) {
				throw new IllegalArgumentException("label must not be empty");
			}
			this.id = id;
			this.label = label;
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof Constructed constructed && this.id == constructed.id
					&& Objects.equals(this.label, constructed.label);
		}

		@Override
		public int hashCode() {
			return Objects.hash(this.id, this.label);
		}

		@Override
		public String toString() {
			return "Constructed[" + this.id + " " + this.label + "]";
		}

	}

	/** A bean with setters: no creator with arguments, nothing for the client to call differently. */
	static final class Bean {

		private long id;

		public long getId() {
			return this.id;
		}

		public void setId(long id) {
			this.id = id;
		}

	}

	@Test
	void whenACompactConstructorThrowsThenTheFailureIsJacksons() {
		JsonMapper application = JsonMapper.builder().build();

		assertSameAsJackson(application, "{\"id\":7,\"name\":\"seven\"}", Checked.class);
		Throwable refused = refusal(application, "{\"id\":-1,\"name\":\"minus\"}", Checked.class);

		assertThat(refused).hasMessageContaining("id must not be negative: -1");
		assertThat(refused.getCause()).isInstanceOf(IllegalArgumentException.class)
			.hasMessage("id must not be negative: -1");
	}

	@Test
	void whenAConstructorThrowsAnErrorThenTheErrorItselfPropagates() {
		JsonMapper application = JsonMapper.builder().build();

		assertSameAsJackson(application, "{\"number\":12}", Unlucky.class);
		Throwable refused = refusal(application, "{\"number\":13}", Unlucky.class);

		assertThat(refused).isInstanceOf(AssertionError.class).hasMessage("13 is unlucky");
	}

	@Test
	void whenAStaticFactoryIsTheCreatorThenItsValueAndItsFailuresAreJacksons() {
		JsonMapper application = JsonMapper.builder().build();

		assertSameAsJackson(application, "{\"amount\":12,\"currency\":\"USD\"}", Factory.class);
		refusal(application, "{\"currency\":\"EUR\"}", Factory.class);
		Throwable checked = refusal(application, "{\"amount\":1,\"currency\":\"XXX\"}", Factory.class);
		Throwable unchecked = refusal(application, "{\"amount\":1,\"currency\":\"ZZZ\"}", Factory.class);

		assertThat(checked.getCause()).isInstanceOf(IOException.class).hasMessage("no such currency: XXX");
		assertThat(unchecked.getCause()).isInstanceOf(IllegalStateException.class).hasMessage("currency withdrawn: ZZZ");
	}

	@Test
	void whenAConstructorIsTheCreatorThenRenamedPropertiesAndItsFailuresAreJacksons() {
		JsonMapper application = JsonMapper.builder().build();

		Constructed constructed = assertSameAsJackson(application, "{\"job_id\":5,\"label\":\"five\",\"extra\":1}",
				Constructed.class);
		Throwable refused = refusal(application, "{\"job_id\":5,\"label\":\"\"}", Constructed.class);

		assertThat(constructed).isEqualTo(new Constructed(5, "five"));
		assertThat(refused.getCause()).isInstanceOf(IllegalArgumentException.class)
			.hasMessage("label must not be empty");
	}

	@Test
	void whenRecordComponentsAreRenamedThenTheRenamedPropertiesAreRead() {
		JsonMapper application = JsonMapper.builder().build();

		Renamed renamed = assertSameAsJackson(application, "{\"jobId\":3,\"title\":\"three\",\"active\":true}",
				Renamed.class);
		refusal(application, "{\"id\":3,\"name\":\"three\"}", Renamed.class);

		assertThat(renamed).isEqualTo(new Renamed(3, "three", true));
	}

	@Test
	void whenTheApplicationHasANamingStrategyThenItNamesTheCreatorsProperties() {
		JsonMapper application = JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();

		SnakeJob job = assertSameAsJackson(application,
				"{\"job_id\":9,\"job_status\":\"Completed\",\"business_unit_id\":4}", SnakeJob.class);

		assertThat(job).isEqualTo(new SnakeJob(9, "Completed", 4));
	}

	@Test
	void whenPrimitivesAreMissingOrNullThenJacksonsDefaultsOrRefusalsApply() {
		JsonMapper application = JsonMapper.builder().build();
		JsonMapper nullsAllowed = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build();
		JsonMapper missingRefused = JsonMapper.builder()
			.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
			.enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
			.build();
		List<String> records = List.of("{}", "{\"id\":null,\"count\":null,\"ratio\":null,\"active\":null,\"letter\":null}",
				"{\"id\":1,\"count\":2,\"ratio\":0.5,\"active\":true,\"letter\":\"x\"}", "{\"id\":\"1\",\"count\":\"2\"}",
				"{\"id\":\"one\"}", "{\"ratio\":\"NaN\"}", "{\"letter\":\"xy\"}");

		for (JsonMapper mapper : List.of(application, nullsAllowed, missingRefused)) {
			for (String record : records) {
				compare(mapper, record, mapper.constructType(Primitives.class));
			}
		}
		Primitives defaults = assertSameAsJackson(nullsAllowed, "{}", Primitives.class);
		assertThat(defaults).isEqualTo(new Primitives(0, 0, 0.0, false, '\0'));
		assertThat(refusal(application, "{\"id\":null}", Primitives.class))
			.hasMessageContaining("Cannot map `null` into type `long`");
		assertThat(refusal(missingRefused, "{\"id\":1}", Primitives.class)).hasMessageContaining("Missing creator property");
	}

	@Test
	void whenTheRecordIsGenericThenItsTypeArgumentIsBound() {
		JsonMapper application = JsonMapper.builder().build();
		JavaType type = application.constructType(new TypeReference<Box<Long>>() {
		});

		Box<Long> box = assertSameAsJackson(application, "{\"value\":1,\"values\":[2,3]}", type);
		compare(application, "{\"value\":\"x\"}", type);

		assertThat(box.value()).isInstanceOf(Long.class);
		assertThat(box.values()).containsExactly(2L, 3L);
	}

	@Test
	void whenTheCreatorHasVariableArityThenTheArrayIsOneArgument() {
		JsonMapper application = JsonMapper.builder().build();

		Tagged tagged = assertSameAsJackson(application, "{\"name\":\"n\",\"tags\":[\"a\",\"b\"]}", Tagged.class);
		assertSameAsJackson(application, "{\"name\":\"n\"}", Tagged.class);

		assertThat(tagged.tags()).containsExactly("a", "b");
	}

	@Test
	void whenRecordsArePrivateOrSmallOrWideThenTheyAreBoundAsJacksonBindsThem() {
		JsonMapper application = JsonMapper.builder().build();

		assertSameAsJackson(application, "{\"id\":4,\"name\":\"four\"}", Hidden.class);
		assertSameAsJackson(application, "{\"id\":4}", One.class);
		Wide wide = assertSameAsJackson(application, "{\"id\":40000001,\"jobNumber\":\"1\",\"customerId\":30000000,"
				+ "\"locationId\":31000000,\"jobStatus\":\"Completed\",\"businessUnitId\":1000,\"jobTypeId\":2000,"
				+ "\"priority\":\"Normal\",\"campaignId\":5000,\"summary\":\"s\",\"noCharge\":true,"
				+ "\"createdOn\":\"2024-01-01T00:00:00Z\",\"modifiedOn\":\"2024-01-02T00:00:00Z\","
				+ "\"tagTypeIds\":[7000,7100],\"active\":true}", Wide.class);

		assertThat(wide.tagTypeIds()).containsExactly(7000L, 7100L);
		assertThat(wide.active()).isTrue();
	}

	@Test
	void whenTheCreatorCannotBeCalledFromOutsideThenJacksonReportsIt() {
		JsonMapper application = JsonMapper.builder().disable(MapperFeature.CAN_OVERRIDE_ACCESS_MODIFIERS).build();

		Throwable refused = refusal(application, "{\"id\":4,\"name\":\"four\"}", Hidden.class);

		assertThat(refused.getCause()).isInstanceOf(IllegalAccessException.class);
		assertThat(instantiator(IsoDates.install(application), Hidden.class))
			.isExactlyInstanceOf(StdValueInstantiator.class);
	}

	@Test
	void whenTheClientReadsRecordsThenTheApplicationsMapperIsUnchanged() {
		JsonMapper application = JsonMapper.builder().build();
		new RecordMapper(application);

		assertThat(instantiator(application, Checked.class)).isExactlyInstanceOf(StdValueInstantiator.class);
		assertThat(application.registeredModules())
			.noneMatch((module) -> "servicetitan-creator-handles".equals(module.getRegistrationId()));
	}

	@Test
	void whenTheCreatorTakesPropertiesThenTheClientCallsItThroughOneSpreader() {
		JsonMapper copy = IsoDates.install(JsonMapper.builder().build());

		for (Class<?> type : List.of(Checked.class, Factory.class, Constructed.class, Renamed.class, Tagged.class,
				Hidden.class, One.class, Wide.class)) {
			assertThat(instantiator(copy, type)).as(type.getName()).isInstanceOf(CreatorHandles.Spreading.class);
		}
		assertThat(instantiator(copy, Bean.class)).isExactlyInstanceOf(StdValueInstantiator.class);
	}

	@Test
	void whenARecordIsBoundThenItsConstructorIsCalledThroughTheSpreaderNotInvokeWithArguments() {
		JsonMapper application = JsonMapper.builder().build();
		Traced.callers.clear();

		assertSameAsJackson(application, "{\"id\":1,\"name\":\"one\"}", Traced.class);

		// The application's mapper once, the client twice (bound from bytes by the record's plan, which calls the same
		// spreader, and mapped from a tree).
		assertThat(Traced.callers).hasSize(3);
		assertThat(Traced.callers.get(0)).anyMatch((frame) -> frame.getMethodName().equals("invokeWithArguments"));
		assertThat(Traced.callers.get(1)).noneMatch((frame) -> frame.getMethodName().equals("invokeWithArguments"))
			.anyMatch((frame) -> frame.getClassName().equals(RecordPlan.class.getName()));
		assertThat(Traced.callers.get(2)).noneMatch((frame) -> frame.getMethodName().equals("invokeWithArguments"))
			.anyMatch((frame) -> frame.getClassName().equals(CreatorHandles.Spreading.class.getName()));
	}

	@Test
	void whenTheApplicationHasItsOwnInstantiatorThenItIsKept() {
		JsonMapper plain = JsonMapper.builder().build();
		StdValueInstantiator own = new StdValueInstantiator((StdValueInstantiator) instantiator(plain, Checked.class)) {

			@Override
			public Object createFromObjectWith(DeserializationContext context, Object[] args) {
				return new Checked(99, "own");
			}

			@Override
			public SettableBeanProperty[] getFromObjectArguments(DeserializationConfig config) {
				return this._constructorArguments;
			}

		};
		JsonMapper application = JsonMapper.builder()
			.addModule(new SimpleModule("own").addValueInstantiator(Checked.class, own))
			.build();

		Checked checked = assertSameAsJackson(application, "{\"id\":1,\"name\":\"one\"}", Checked.class);

		assertThat(checked).isEqualTo(new Checked(99, "own"));
		assertThat(instantiator(IsoDates.install(application), Checked.class)).isSameAs(own);
	}

	private static ValueInstantiator instantiator(JsonMapper mapper, Class<?> type) {
		return ((BeanDeserializerBase) mapper._deserializationContext()
			.findRootValueDeserializer(mapper.constructType(type))).getValueInstantiator();
	}

	private static <T> T assertSameAsJackson(JsonMapper application, String record, Class<T> type) {
		return assertSameAsJackson(application, record, application.constructType(type));
	}

	/** As {@link #assertSameAsJackson(JsonMapper, String, JavaType)}, for a record that is refused. */
	private static Throwable refusal(JsonMapper application, String record, Class<?> type) {
		Object refused = compare(application, record, application.constructType(type));
		assertThat(refused).as(record).isInstanceOf(Throwable.class);
		return (Throwable) refused;
	}

	@SuppressWarnings("unchecked")
	private static <T> T assertSameAsJackson(JsonMapper application, String record, JavaType type) {
		Object value = compare(application, record, type);
		assertThat(value).as(record).isNotInstanceOf(Throwable.class);
		return (T) value;
	}

	/**
	 * Reads the record with the application's mapper and as the client does (bound from an envelope, and mapped from a
	 * tree as strict records are) and checks the three agree: on the value, or on the refusal (the same exception types
	 * and messages down the chain of causes, the client's wrapped in its mapping exception).
	 * @return the value read, or the refusal (Jackson's exception, or the error the creator threw)
	 */
	private static Object compare(JsonMapper application, String record, JavaType type) {
		Object expected;
		try {
			expected = application.readValue(record, type);
		}
		catch (JacksonException | Error refused) {
			assertSameRefusal(refused, catchThrowable(() -> bound(application, record, type)), record);
			if (!type.hasGenericTypes()) {
				JsonNode tree = application.readTree(record);
				assertSameRefusal(refused, catchThrowable(
						() -> new RecordMapper(application).map(tree, type.getRawClass(), CALL, "the record")),
						record);
			}
			return refused;
		}
		Object actual = bound(application, record, type);
		assertThat(actual).as(record).isEqualTo(expected);
		assertThat(String.valueOf(actual)).as(record).isEqualTo(String.valueOf(expected));
		if (!type.hasGenericTypes()) {
			Object mapped = new RecordMapper(application).map(application.readTree(record), type.getRawClass(),
					CALL, "the record");
			assertThat(mapped).as(record).isEqualTo(expected);
		}
		return actual;
	}

	private static void assertSameRefusal(Throwable refused, Throwable actual, String record) {
		assertThat(actual).as(record).isNotNull();
		if (refused instanceof Error) {
			assertThat(actual).as(record).isExactlyInstanceOf(refused.getClass()).hasMessage(refused.getMessage());
			return;
		}
		assertThat(stable(actual.getMessage())).as(record)
			.contains(stable(((JacksonException) refused).getOriginalMessage()));
		Throwable expectedCause = refused;
		// The client wraps a record's failure in a ServiceTitanMappingException; where it rethrows Jackson's exception
		// as it is (a read failure), the chain starts there.
		Throwable actualCause = (actual instanceof ServiceTitanMappingException) ? actual.getCause() : actual;
		while (expectedCause != null) {
			assertThat(actualCause).as(record).isNotNull().isExactlyInstanceOf(expectedCause.getClass());
			if (expectedCause instanceof JacksonException jackson) {
				assertThat(stable(((JacksonException) actualCause).getOriginalMessage())).as(record)
					.isEqualTo(stable(jackson.getOriginalMessage()));
			}
			else {
				assertThat(stable(actualCause.getMessage())).as(record).isEqualTo(stable(expectedCause.getMessage()));
			}
			expectedCause = (expectedCause.getCause() != expectedCause) ? expectedCause.getCause() : null;
			actualCause = actualCause.getCause();
		}
	}

	/** A message without identity hash codes ({@code [Ljava.lang.Object;@22ee2d0}), which differ from run to run. */
	private static String stable(String message) {
		return (message != null) ? message.replaceAll("@[0-9a-f]+", "@") : null;
	}

	private static Object bound(JsonMapper application, String record, JavaType type) {
		RecordMapper records = new RecordMapper(application);
		RecordDecoder<Object> decoder = RecordDecoder.mapping(records, type, CALL);
		try (EnvelopeReader reader = records.envelope(("{\"hasMore\":false,\"data\":[" + record + "]}").getBytes(),
				CALL)) {
			assertThat(reader.hasNext()).isTrue();
			Object value = reader.next(decoder, "page 1", 0);
			assertThat(reader.hasNext()).isFalse();
			return value;
		}
	}

}
