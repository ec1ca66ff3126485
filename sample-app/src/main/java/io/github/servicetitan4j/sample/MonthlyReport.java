package io.github.servicetitan4j.sample;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Map;

import io.github.servicetitan4j.EndpointFactory;
import io.github.servicetitan4j.Reports;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Runs the configured report (by default revenue per day) for last month in a tenant and adds up one of its fields, as
 * a dashboard job would.
 */
@Component
class MonthlyReport {

	private final SampleProperties.Report settings;

	private final Clock clock;

	@Autowired
	MonthlyReport(SampleProperties properties) {
		this(properties.report(), Clock.systemDefaultZone());
	}

	MonthlyReport(SampleProperties.Report settings, Clock clock) {
		this.settings = settings;
		this.clock = clock;
	}

	Result lastMonth(EndpointFactory serviceTitan) {
		YearMonth month = YearMonth.now(this.clock).minusMonths(1);
		LocalDate from = month.atDay(1);
		LocalDate to = month.atEndOfMonth();
		Reports.Result result = serviceTitan.reports()
			.run(this.settings.category(), this.settings.id(), Map.of("From", from, "To", to));
		BigDecimal total = BigDecimal.ZERO;
		for (Reports.Row row : result.rows()) {
			BigDecimal value = row.getNumber(this.settings.sumField());
			if (value != null) {
				total = total.add(value);
			}
		}
		return new Result(result.description().name(), from, to, result.rows().size(), this.settings.sumField(), total);
	}

	/**
	 * What the report said.
	 *
	 * @param name the report's name
	 * @param from the first day
	 * @param to the last day
	 * @param rows how many rows it returned
	 * @param field the field added up
	 * @param total the sum of that field
	 */
	record Result(String name, LocalDate from, LocalDate to, int rows, String field, BigDecimal total) {

		String line() {
			return String.format("%s %s..%s: %,d rows, %s %,.2f", this.name, this.from, this.to, this.rows, this.field,
					this.total);
		}

	}

}
