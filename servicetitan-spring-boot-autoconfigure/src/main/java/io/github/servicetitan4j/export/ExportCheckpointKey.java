package io.github.servicetitan4j.export;

import org.springframework.util.Assert;

/**
 * Names one export feed of one tenant: the checkpoint of {@code /{folder}/v2/tenant/{tenantId}/export/{exportEndpoint}}.
 *
 * @param tenantId the tenant
 * @param folder the API folder ({@code jpm})
 * @param exportEndpoint the export resource ({@code jobs}, {@code customers/contacts})
 */
public record ExportCheckpointKey(String tenantId, String folder, String exportEndpoint) {

	/**
	 * Checks that every part is named, so that two feeds never share a checkpoint by accident.
	 * @param tenantId the tenant
	 * @param folder the API folder ({@code jpm})
	 * @param exportEndpoint the export resource ({@code jobs}, {@code customers/contacts})
	 * @throws IllegalArgumentException if a part is empty
	 */
	public ExportCheckpointKey {
		Assert.hasText(tenantId, "tenantId must not be empty");
		Assert.hasText(folder, "folder must not be empty");
		Assert.hasText(exportEndpoint, "exportEndpoint must not be empty");
	}

	@Override
	public String toString() {
		return this.tenantId + ":" + this.folder + "/export/" + this.exportEndpoint;
	}

}
