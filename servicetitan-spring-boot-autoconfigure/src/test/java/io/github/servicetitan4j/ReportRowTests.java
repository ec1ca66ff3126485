package io.github.servicetitan4j;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.github.servicetitan4j.ServiceTitanClientListener.CallDescriptor;
import io.github.servicetitan4j.errors.ServiceTitanException.ServiceTitanMappingException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Report rows read their values leniently, whatever type the description declared, and say exactly what they cannot
 * read.
 */
class ReportRowTests {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static Reports.Row row(String values) {
		List<Reports.Description.Field> fields = List
			.of(new Reports.Description.Field("Value", "Value", Reports.DataType.NUMBER));
		ReportColumns columns = new ReportColumns(fields, new RecordMapper(MAPPER),
				new CallDescriptor("reporting", "report-category/a/reports/1", "report"));
		JsonNode node = MAPPER.readTree(values);
		return new Reports.Row(columns, node, "row 0 of page 1");
	}

	@Test
	void numbersAreReadFromNumbersAndFromTextWithGroupingOrACurrencySign() {
		assertThat(row("[12.50]").getNumber("Value")).isEqualByComparingTo("12.50");
		assertThat(row("[\"1,234.50\"]").getNumber("Value")).isEqualByComparingTo("1234.50");
		assertThat(row("[\"-$12\"]").getNumber("Value")).isEqualByComparingTo("-12");
		assertThat(row("[\" \"]").getNumber("Value")).isNull();
		assertThat(row("[null]").getNumber("Value")).isNull();
		assertThat(row("[]").getNumber("Value")).as("a short row").isNull();
	}

	@Test
	void booleansAreReadFromBooleansNumbersAndWords() {
		assertThat(row("[true]").getBoolean("Value")).isTrue();
		assertThat(row("[0]").getBoolean("Value")).isFalse();
		assertThat(row("[\"Yes\"]").getBoolean("Value")).isTrue();
		assertThat(row("[\"n\"]").getBoolean("Value")).isFalse();
	}

	@Test
	void datesAndInstantsAreReadFromDatesAndDateTimesWithOrWithoutAnOffset() {
		assertThat(row("[\"2026-10-01\"]").getDate("Value")).isEqualTo(LocalDate.of(2026, 10, 1));
		assertThat(row("[\"2026-10-01 23:30:00\"]").getDate("Value")).isEqualTo(LocalDate.of(2026, 10, 1));
		assertThat(row("[\"2026-10-01T23:30:00-05:00\"]").getDate("Value")).as("the date as written")
			.isEqualTo(LocalDate.of(2026, 10, 1));
		assertThat(row("[\"2026-10-01T23:30:00-05:00\"]").getInstant("Value"))
			.isEqualTo(Instant.parse("2026-10-02T04:30:00Z"));
		assertThat(row("[\"2026-10-01T23:30:00.5\"]").getInstant("Value")).as("no offset: UTC")
			.isEqualTo(Instant.parse("2026-10-01T23:30:00.5Z"));
		assertThat(row("[\"2026-10-01\"]").getInstant("Value")).isEqualTo(Instant.parse("2026-10-01T00:00:00Z"));
	}

	@Test
	void textIsReadFromAnyScalar() {
		assertThat(row("[1.50]").getString("Value")).isEqualTo("1.5");
		assertThat(row("[false]").getString("Value")).isEqualTo("false");
		assertThat(row("[\"x\"]").getString("value")).as("field names ignore case").isEqualTo("x");
		assertThat(row("[null]").isNull("Value")).isTrue();
	}

	@Test
	void whenAValueCannotBeReadAsAskedThenTheErrorNamesFieldRowAndValue() {
		assertThatExceptionOfType(ServiceTitanMappingException.class).isThrownBy(() -> row("[\"maybe\"]").getBoolean("Value"))
			.withMessage("Field 'Value' of row 0 of page 1 of reporting/report-category/a/reports/1: \"maybe\" is not a boolean");
		assertThatExceptionOfType(ServiceTitanMappingException.class).isThrownBy(() -> row("[20261001]").getDate("Value"))
			.withMessageContaining("20261001 is not a date");
		assertThatExceptionOfType(ServiceTitanMappingException.class).isThrownBy(() -> row("[true]").getNumber("Value"))
			.withMessageContaining("true is not a number");
	}

	@Test
	void lowerCamelCaseNamesForMapping() {
		assertThat(Reports.Row.lowerCamel("BusinessUnit")).isEqualTo("businessUnit");
		assertThat(Reports.Row.lowerCamel("Technician Name")).isEqualTo("technicianName");
		assertThat(Reports.Row.lowerCamel("Total_Revenue ($)")).isEqualTo("totalRevenue");
	}

}
