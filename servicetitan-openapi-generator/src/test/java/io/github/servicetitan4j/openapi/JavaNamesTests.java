package io.github.servicetitan4j.openapi;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JavaNamesTests {

	@Test
	void whenNamesDoNotClashThenTheLastSegmentIsTheClassName() {
		assertThat(JavaNames.of(List.of("Jpm.V2.JobResponse", "Jpm.V2.Base.JobStatus", "ApiErrorResponse")))
			.containsValues("JobResponse", "JobStatus", "ApiErrorResponse");
	}

	@Test
	void whenLastSegmentsClashThenEachTakesSegmentsFromTheRightUntilUnique() {
		assertThat(JavaNames.of(List.of("Crm.V2.AddressPatchModel", "Crm.V2.Locations.AddressPatchModel",
				"Telecom.V3.CallDirection", "Telecom.CallDirection", "Telecom.V2.CallDirection")))
			.containsEntry("Crm.V2.AddressPatchModel", "V2AddressPatchModel")
			.containsEntry("Crm.V2.Locations.AddressPatchModel", "LocationsAddressPatchModel")
			.containsEntry("Telecom.V3.CallDirection", "V3CallDirection")
			.containsEntry("Telecom.CallDirection", "TelecomCallDirection")
			.containsEntry("Telecom.V2.CallDirection", "V2CallDirection");
	}

	@Test
	void whenANameIsGenericThenItsPartsAreJoinedWithOf() {
		assertThat(JavaNames.of(List.of("Inventory.V2.CancelResourceRequest_Of_Inventory.V2.ReceiptCancellationReason",
				"Inventory.V2.ReceiptCancellationReason")))
			.containsEntry("Inventory.V2.CancelResourceRequest_Of_Inventory.V2.ReceiptCancellationReason",
					"CancelResourceRequestOfReceiptCancellationReason")
			.containsEntry("Inventory.V2.ReceiptCancellationReason", "ReceiptCancellationReason");
	}

	@Test
	void whenANameWouldShadowATypeTheGeneratedCodeUsesThenItIsQualified() {
		assertThat(JavaNames.of(List.of("Crm.V2.Page", "String", "Dispatch.Contracts.NonJobAppointment.RepeatFrequency_Int32")))
			.containsEntry("Crm.V2.Page", "V2Page")
			.containsEntry("String", "StringModel")
			.containsEntry("Dispatch.Contracts.NonJobAppointment.RepeatFrequency_Int32", "RepeatFrequencyInt32");
	}

	@Test
	void whenNamesDifferOnlyInCaseThenTheFilesStillDiffer() {
		assertThat(JavaNames.of(List.of("A.Job", "A.job"))).containsValues("AJob", "AJob2");
	}

}
