package io.github.servicetitan4j;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.servicetitan4j.ServiceTitanClientListener.CallDescriptor;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
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

		byte[] body = "{\"hasMore\":false,\"data\":[{\"id\":1,\"n\":2},{\"id\":3}]}".getBytes();
		// A response stream: each bound record's id is noted for a re-read after a cut.
		try (EnvelopeReader reader = records.envelope(new ByteArrayInputStream(body), () -> {
		}, call)) {
			int index = 0;
			while (reader.hasNext()) {
				bound.add(reader.next(decoder, "page 1", index++));
				JsonNode id = reader.lastId();
				assertThat(id).isNotNull();
				assertThat(id.asLong()).isEqualTo((index == 1) ? 1L : 3L);
			}
		}
		// Bytes held in memory: the records can be read again from them, so nothing is noted.
		try (EnvelopeReader reader = records.envelope(body, call)) {
			assertThat(reader.next(decoder, "page 1", 0)).isEqualTo(Map.of("id", 1L, "n", 2L));
			assertThat(reader.lastId()).isNull();
		}

		assertThat(bound).containsExactly(Map.of("id", 1L, "n", 2L), Map.of("id", 3L));
		assertThat(decoder.binds()).isTrue();
	}

}
