package dev.synth.spi;

/**
 * What one sink wrote during one run call ({@link EventSink#written()}).
 *
 * @param logEvents     log events (rows, records) written
 * @param catalogEvents catalog events written
 */
public record SinkCount(long logEvents, long catalogEvents) {
}
