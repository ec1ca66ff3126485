package com.example.jobs;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.servicetitan4j.ServiceTitanTenants;

import org.springframework.stereotype.Service;

@Service
public class CompletedJobs {

	private final ServiceTitanTenants tenants;

	public CompletedJobs(ServiceTitanTenants tenants) {
		this.tenants = tenants;
	}

	/** Each configured tenant's number of completed jobs, in configuration order. */
	public Map<String, Integer> countByTenant() {
		Map<String, Integer> counts = new LinkedHashMap<>();
		for (String tenant : this.tenants.names()) {
			counts.put(tenant, this.tenants.tenant(tenant)
				.endpoint("jpm", "jobs")
				.getAll(Map.of("jobStatus", "Completed"))
				.size());
		}
		return counts;
	}

}
