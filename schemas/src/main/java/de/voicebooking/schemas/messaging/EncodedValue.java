package de.voicebooking.schemas.messaging;

/**
 * A record value already serialized for Kafka by the service's value serializer (registry
 * framing: magic byte and schema id, then Avro binary). {@link AvroValueSerdes#serializer()}
 * passes its bytes through unchanged, so the outbox relay sends what {@link Outbox} stored
 * without decoding it.
 */
public record EncodedValue(byte[] bytes) {
}
