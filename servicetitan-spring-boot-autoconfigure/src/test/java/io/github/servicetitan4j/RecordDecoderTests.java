package io.github.servicetitan4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.servicetitan4j.ServiceTitanClientListener.CallDescriptor;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Decoders of generic types ({@link RecordDecoder#mapping(RecordMapper, JavaType, CallDescriptor)}), which no public
 * method reaches yet (typed HTTP-interface clients will): records bound from an envelope held in memory.
 */
class RecordDecoderTests {

	@Test
	void whenADecoderIsMadeForAGenericTypeThenEachRecordIsBoundToIt() {
		RecordMapper records = new RecordMapper(JsonMapper.builder().build());
		JavaType type = JsonMapper.builder().build().getTypeFactory().constructMapType(Map.class, String.class, Long.class);
		CallDescriptor call = new CallDescriptor("jpm", "jobs", "get_all");
		RecordDecoder<Map<String, Long>> decoder = RecordDecoder.mapping(records, type, call);
		List<Map<String, Long>> bound = new ArrayList<>();

		try (EnvelopeReader reader = records
			.envelope("{\"hasMore\":false,\"data\":[{\"id\":1,\"n\":2},{\"id\":3}]}".getBytes(), call)) {
			int index = 0;
			while (reader.hasNext()) {
				bound.add(reader.next(decoder, "page 1", index++));
				assertThat(reader.lastId()).isNotNull();
			}
		}

		assertThat(bound).containsExactly(Map.of("id", 1L, "n", 2L), Map.of("id", 3L));
		assertThat(decoder.binds()).isTrue();
	}

}
