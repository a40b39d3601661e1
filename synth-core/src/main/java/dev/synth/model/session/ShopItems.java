package dev.synth.model.session;

import dev.synth.catalog.CatalogItem;
import dev.synth.event.Micros;
import dev.synth.event.Props;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Shop item payloads of commerce events (reference 5.2): prices in USD, deterministic stock status. */
public final class ShopItems {
    private static final Map<String, Integer> HASH_MOD_7 = new ConcurrentHashMap<>();
    /** The last epoch day asked for and its day of year, packed as {@code day << 9 | dayOfYear}. */
    private static volatile long lastDayOfYear = -1;

    private ShopItems() {
    }

    /** Money rounded to 2 decimals, as written in events. */
    public static double money(double amount) {
        return Math.round(amount * 100.0) / 100.0;
    }

    /**
     * The {@code item} object of an item, cart or checkout event: id, type, quantity, price (unit price times
     * quantity, rounded), currency and the stock status on the day of {@code timeMicros}.
     */
    public static Map<String, Object> payload(CatalogItem item, int quantity, double unitPrice, long timeMicros) {
        return Props.of("id", item.uuid(), "type", item.type().configName(), "quantity", quantity,
                "price", money(unitPrice * quantity), "currency", "USD", "stock_status",
                stockStatus(item.uuid(), timeMicros));
    }

    /**
     * {@code (sha256(uuid) + day of year) mod 7}: 0-3 {@code in_stock}, 4-5 {@code low_stock}, 6
     * {@code out_of_stock} - the same for everybody on a given day.
     */
    public static String stockStatus(String uuid, long timeMicros) {
        Integer known = HASH_MOD_7.get(uuid);
        int base = known != null ? known : HASH_MOD_7.computeIfAbsent(uuid, ShopItems::sha256Mod7);
        long day = Micros.epochDay(timeMicros);
        long cached = lastDayOfYear;
        int dayOfYear;
        if (cached >>> 9 == day) {
            dayOfYear = (int) (cached & 511);
        } else {
            dayOfYear = LocalDate.ofEpochDay(day).getDayOfYear();
            lastDayOfYear = day << 9 | dayOfYear;
        }
        int v = (base + dayOfYear) % 7;
        return v <= 3 ? "in_stock" : v <= 5 ? "low_stock" : "out_of_stock";
    }

    private static int sha256Mod7(String uuid) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(uuid.getBytes(StandardCharsets.UTF_8));
            return new BigInteger(1, digest).mod(BigInteger.valueOf(7)).intValue();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }
}
