package dev.synth.event;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one place that declares every log event type synth's own users write: its block, and each of its
 * {@code props} with its JSON type and unit. The README's Output section is generated from {@link #markdown()}
 * (a test holds the two in step), and a test checks that the events of real runs match it, so what a data
 * engineer reads there is what the files hold. Custom user types add types of their own, which this schema does
 * not cover.
 */
public final class EventSchema {
    /** The JSON type of a property value. */
    public enum ValueType {
        STRING("string"), INTEGER("integer"), NUMBER("number"), BOOLEAN("boolean"), OBJECT("object"),
        ARRAY("array");

        private final String jsonName;

        ValueType(String jsonName) {
            this.jsonName = jsonName;
        }

        /** The name in the README, e.g. {@code integer}. */
        public String jsonName() {
            return jsonName;
        }

        /** Whether a Java value (as events hold it) is of this JSON type. */
        public boolean matches(Object value) {
            return switch (this) {
                case STRING -> value instanceof CharSequence || value instanceof Enum<?>;
                case INTEGER -> value instanceof Integer || value instanceof Long || value instanceof Short
                        || value instanceof Byte || value instanceof java.math.BigInteger;
                case NUMBER -> value instanceof Number;
                case BOOLEAN -> value instanceof Boolean;
                case OBJECT -> value instanceof Map<?, ?>;
                case ARRAY -> value instanceof Iterable<?> || value instanceof Object[];
            };
        }
    }

    /**
     * One property of a log event type.
     *
     * @param name     key in {@code props}
     * @param type     JSON type of its value
     * @param unit     unit of a number (e.g. {@code s}, {@code ms}, {@code %}, {@code currency}), or empty
     * @param optional whether some events of the type leave it out
     * @param meaning  one line for the README
     */
    public record Prop(String name, ValueType type, String unit, boolean optional, String meaning) {
        public Prop {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(unit, "unit");
            Objects.requireNonNull(meaning, "meaning");
        }
    }

    /**
     * One log event type.
     *
     * @param name    the {@code type} column
     * @param block   the {@code block} column
     * @param actions the values of {@code props.action}, if the type has one
     * @param props   its properties, in the order events hold them
     */
    public record EventType(String name, Block block, List<String> actions, List<Prop> props) {
        public EventType {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(block, "block");
            actions = List.copyOf(actions);
            props = List.copyOf(props);
        }

        /** The property named {@code key}, if declared. */
        public Optional<Prop> prop(String key) {
            return props.stream().filter(p -> p.name().equals(key)).findFirst();
        }
    }

    private static final String CURRENCY = "currency";
    private static final List<EventType> TYPES = List.of(
            type("identify", Block.CORE, List.of("register", "login", "logout"),
                    p("action", ValueType.STRING, "", "what the user did")),
            type("app", Block.CORE, List.of("open", "close", "background", "resume"),
                    p("action", ValueType.STRING, "", "what the mobile app did")),
            type("page", Block.CORE, List.of(),
                    p("path", ValueType.STRING, "", "URL of the page"),
                    p("title", ValueType.STRING, "", "title of the page"),
                    p("duration", ValueType.NUMBER, "s", "time on the page, reported when the view ends")),
            type("search", Block.CORE, List.of(),
                    p("id", ValueType.STRING, "", "search id, shared by its result pages"),
                    p("query", ValueType.STRING, "", "search text"),
                    p("page", ValueType.INTEGER, "", "result page, from 1"),
                    p("results_list", ValueType.ARRAY, "", "results: objects with the catalog entry's fields")),
            type("media", Block.CORE, List.of("impression", "play", "pause", "finish"),
                    p("type", ValueType.STRING, "", "video, audio or image"),
                    p("id", ValueType.STRING, "", "<type>_<catalog uuid>"),
                    p("id_source", ValueType.STRING, "", "catalog uuid of the media item"),
                    p("action", ValueType.STRING, "", "what the player did"),
                    p("time", ValueType.NUMBER, "ms", "position in the media item")),
            type("module", Block.ELEARNING, List.of("view"),
                    p("id", ValueType.STRING, "", "catalog uuid of the module"),
                    p("action", ValueType.STRING, "", "always view"),
                    p("progress", ValueType.INTEGER, "%", "progress through the module, 0-100 (D19)")),
            type("exam", Block.ELEARNING, List.of("start", "submit", "result"),
                    p("id", ValueType.STRING, "", "catalog uuid of the exam"),
                    p("action", ValueType.STRING, "", "exam step"),
                    opt("duration", ValueType.INTEGER, "s", "submit: whole seconds since the start"),
                    opt("score", ValueType.NUMBER, "%", "result: correct answers, 0-100"),
                    opt("is_passed", ValueType.BOOLEAN, "", "result: whether the exam was passed")),
            type("question", Block.ELEARNING, List.of("answer", "skip"),
                    p("id", ValueType.STRING, "", "catalog uuid of the question"),
                    p("exam_id", ValueType.STRING, "", "catalog uuid of the exam"),
                    p("action", ValueType.STRING, "", "answered or skipped"),
                    opt("answer_id", ValueType.STRING, "", "answer: id of the answer given")),
            type("rate", Block.CORE, List.of(),
                    p("subject_id", ValueType.STRING, "", "what was rated: a catalog uuid, or <organisation>_<project>"
                            + " for the app"),
                    p("type", ValueType.STRING, "", "subject type (app, media, drug, ...)"),
                    p("rate_value", ValueType.NUMBER, "stars", "rating, 1-5")),
            type("milestone", Block.LOYALTY, List.of("achieved"),
                    p("id", ValueType.STRING, "", "catalog uuid of the milestone"),
                    p("action", ValueType.STRING, "", "always achieved")),
            type("level", Block.LOYALTY, List.of(),
                    p("prev_level", ValueType.INTEGER, "", "level before"),
                    p("new_level", ValueType.INTEGER, "", "level after")),
            type("nudge_response", Block.CORE, List.of(),
                    p("nudge_id", ValueType.INTEGER, "", "id of the nudge; negative for the fake responses of D26"),
                    p("type", ValueType.STRING, "", "kind of nudge, e.g. push_notification"),
                    p("response", ValueType.OBJECT, "", "{\"action\": open, discard or block}"),
                    opt("resolved_action", ValueType.STRING, "", "the nudge's action, when the backend gave one")),
            type("item", Block.ECOMMERCE, List.of("impression", "view", "detail", "add_favorite", "remove_favorite",
                            "add_reminder", "remove_reminder", "remove_reminder_auto"),
                    p("action", ValueType.STRING, "", "what the user did with the item"),
                    p("item", ValueType.OBJECT, "", "the shop item's fields"),
                    opt("search_id", ValueType.STRING, "", "search the item was found in"),
                    p("usd_rate", ValueType.NUMBER, "USD per currency unit", "exchange rate, 1.0")),
            type("cart", Block.ECOMMERCE, List.of("add_item"),
                    p("id", ValueType.STRING, "", "cart id"),
                    p("action", ValueType.STRING, "", "always add_item"),
                    p("item", ValueType.OBJECT, "", "the item with its quantity and price"),
                    p("cart_price", ValueType.NUMBER, CURRENCY, "running total of the cart"),
                    p("currency", ValueType.STRING, "", "ISO 4217 code, USD"),
                    p("usd_rate", ValueType.NUMBER, "USD per currency unit", "exchange rate, 1.0")),
            type("checkout", Block.ECOMMERCE, List.of(),
                    p("id", ValueType.STRING, "", "order id"),
                    p("cart_id", ValueType.STRING, "", "cart id"),
                    p("items", ValueType.ARRAY, "", "the items ordered"),
                    p("cart_price", ValueType.NUMBER, CURRENCY, "order total"),
                    p("currency", ValueType.STRING, "", "ISO 4217 code, USD"),
                    p("usd_rate", ValueType.NUMBER, "USD per currency unit", "exchange rate, 1.0"),
                    p("is_successful", ValueType.BOOLEAN, "", "whether the checkout succeeded")),
            type("cancel_checkout", Block.ECOMMERCE, List.of(),
                    p("id", ValueType.STRING, "", "cart or order id"),
                    p("type", ValueType.STRING, "", "cart or order"),
                    p("items", ValueType.ARRAY, "", "the items"),
                    p("reason", ValueType.STRING, "", "why")),
            type("payment_method", Block.PAYMENT, List.of(),
                    p("order_id", ValueType.STRING, "", "order id"),
                    p("type", ValueType.STRING, "", "bank_card, bank_transfer, cheque, cod, ..."),
                    p("payment_amount", ValueType.NUMBER, CURRENCY, "amount paid"),
                    p("currency", ValueType.STRING, "", "ISO 4217 code, USD"),
                    p("usd_rate", ValueType.NUMBER, "USD per currency unit", "exchange rate, 1.0")),
            type("deferred_payment", Block.PAYMENT, List.of("payment_processed"),
                    p("id", ValueType.STRING, "", "payment id"),
                    p("order_id", ValueType.STRING, "", "order id"),
                    p("action", ValueType.STRING, "", "always payment_processed"),
                    p("type", ValueType.STRING, "", "payment type"),
                    p("account_balance", ValueType.NUMBER, CURRENCY, "balance after the payment"),
                    p("payment_amount", ValueType.NUMBER, CURRENCY, "amount paid into the account"),
                    p("currency", ValueType.STRING, "", "ISO 4217 code, USD"),
                    p("is_successful", ValueType.BOOLEAN, "", "whether the payment succeeded"),
                    p("usd_rate", ValueType.NUMBER, "USD per currency unit", "exchange rate, 1.0")),
            type("schedule_delivery", Block.ECOMMERCE, List.of("schedule", "update"),
                    p("order_id", ValueType.STRING, "", "order id"),
                    p("is_urgent", ValueType.BOOLEAN, "", "urgent delivery"),
                    p("action", ValueType.STRING, "", "schedule or update"),
                    p("delivery_ts", ValueType.STRING, "UTC time", "expected delivery, yyyy-MM-ddTHH:mm:ss.SSSSSSZ")),
            type("delivery", Block.ECOMMERCE, List.of("delivered"),
                    p("order_id", ValueType.STRING, "", "order id"),
                    p("id", ValueType.STRING, "", "delivery id"),
                    p("action", ValueType.STRING, "", "always delivered")),
            type("promo", Block.LOYALTY, List.of("view", "apply"),
                    p("id", ValueType.STRING, "", "catalog uuid of the promotion"),
                    p("action", ValueType.STRING, "", "view or apply"),
                    p("type", ValueType.STRING, "", "add_to_cart or coupon"),
                    p("title", ValueType.STRING, "", "title of the promotion"),
                    p("items", ValueType.ARRAY, "", "the items of the promotion")));

    private static final Map<String, EventType> BY_NAME = TYPES.stream()
            .collect(Collectors.toUnmodifiableMap(EventType::name, Function.identity()));

    private EventSchema() {
    }

    /** Every log event type synth's own users write, in README order. */
    public static List<EventType> logEventTypes() {
        return TYPES;
    }

    /** The declaration of a log event type, if it is one of synth's own. */
    public static Optional<EventType> of(String type) {
        return Optional.ofNullable(BY_NAME.get(type));
    }

    /** The README's table of log event types and their props. */
    public static String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("| type | block | prop | JSON type | unit | meaning |\n");
        sb.append("|---|---|---|---|---|---|\n");
        for (EventType t : TYPES) {
            boolean first = true;
            for (Prop p : t.props()) {
                String meaning = p.meaning().replace("|", "\\|") + (p.optional() ? " (not always present)" : "");
                if (p.name().equals("action") && !t.actions().isEmpty()) {
                    meaning = "`" + String.join("`, `", t.actions()) + "`";
                }
                sb.append("| ").append(first ? "`" + t.name() + "`" : "").append(" | ")
                        .append(first ? "`" + t.block().wireName() + "`" : "").append(" | `").append(p.name())
                        .append("` | ").append(p.type().jsonName()).append(" | ").append(p.unit()).append(" | ")
                        .append(meaning).append(" |\n");
                first = false;
            }
        }
        return sb.toString();
    }

    private static EventType type(String name, Block block, List<String> actions, Prop... props) {
        return new EventType(name, block, actions, List.of(props));
    }

    private static Prop p(String name, ValueType type, String unit, String meaning) {
        return new Prop(name, type, unit, false, meaning);
    }

    private static Prop opt(String name, ValueType type, String unit, String meaning) {
        return new Prop(name, type, unit, true, meaning);
    }
}
