package dev.synth.user;

import dev.synth.event.LogEvent;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A message a user {@link Window#signal signalled}, handed to the driver's extensions when simulated time
 * reaches it, while the user's schedule is being released - or when the user churned with the message still
 * pending ({@link #userLeft()}). An extension may answer on the user's behalf: {@link #release} an event at
 * the message's time, or have the user's schedule generated again from that time. Valid only during the call
 * it is passed to; used on the simulation thread.
 */
public final class UserMessage {
    private final UserRuntime user;
    private final Scheduled.Message item;
    private final boolean userLeft;
    private final Consumer<Scheduled> out;

    UserMessage(UserRuntime user, Scheduled.Message item, boolean userLeft, Consumer<Scheduled> out) {
        this.user = user;
        this.item = item;
        this.userLeft = userLeft;
        this.out = out;
    }

    /** The message, as signalled. */
    public Object message() {
        return item.message();
    }

    /** When the message is due, epoch microseconds UTC. */
    public long timeMicros() {
        return item.timeMicros();
    }

    /** When the message is due. */
    public Instant time() {
        return dev.synth.event.Micros.toInstant(item.timeMicros());
    }

    /** The user that signalled it. */
    public UserRuntime user() {
        return user;
    }

    /** True when the user churned with this message still pending: its schedule is gone. */
    public boolean userLeft() {
        return userLeft;
    }

    /**
     * Releases an event of the user, ordered right where the message stands in the user's schedule. Its time
     * should be the message's time.
     */
    public void release(LogEvent event) {
        out.accept(new Scheduled.Log(event.timeMicros(), item.actor(), item.sequence(), event));
    }

    /**
     * Drops what is left of the user's current schedule and generates it again from the message's time (e.g.
     * after a nudge changed the user). Not possible for a user that left.
     */
    public void regenerateSchedule() {
        if (userLeft) {
            throw new IllegalStateException("the schedule of " + user.user() + " is gone: it churned");
        }
        user.regenerateFrom(item.timeMicros());
    }

    @Override
    public String toString() {
        return "UserMessage[" + Objects.toString(item.message()) + " at " + time() + " of " + user.user() + "]";
    }
}
