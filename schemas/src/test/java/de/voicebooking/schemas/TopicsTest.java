package de.voicebooking.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import de.voicebooking.avro.AvailabilityRequest;

class TopicsTest {

    @Test
    void aTopicWithoutMessageTypeHasNoSchemaAndADeadLetterTopicHasItsSourcesType() {
        assertThat(Topics.valueSchema(Topics.RETELL_CALL_EVENTS)).isEmpty();
        assertThat(Topics.valueSchema(Topics.AVAILABILITY_REQUESTS)).contains(AvailabilityRequest.getClassSchema());
        assertThat(Topics.valueSchema(Topics.AVAILABILITY_REQUESTS + Topics.DLT_SUFFIX))
                .contains(AvailabilityRequest.getClassSchema());
        assertThat(Topics.valueSchema("no.such.topic")).isEmpty();
    }

    @Test
    void partitionNumbersFollowTheTopicsDefinition() {
        assertThat(Topics.partitionsOf(Topics.TENANT_CONFIG)).containsExactly("0");
        assertThat(Topics.partitionsOf(Topics.AVAILABILITY_REQUESTS)).containsExactly("0", "1", "2");
        assertThatThrownBy(() -> Topics.partitionsOf("no.such.topic")).isInstanceOf(IllegalArgumentException.class);
    }
}
