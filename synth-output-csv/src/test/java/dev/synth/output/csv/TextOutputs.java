package dev.synth.output.csv;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.luben.zstd.ZstdInputStream;
import dev.synth.test.EventSinkContract;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** Reads the text sinks' files back as a consumer would: decompressed, parsed. */
final class TextOutputs {
    static final ObjectMapper JSON = new ObjectMapper();

    private TextOutputs() {
    }

    /** The file's bytes, decompressed by the standard stream readers (all gzip members, all zstd frames). */
    static byte[] bytes(Path file) throws IOException {
        Compression c = Compression.ofFileName(file);
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = c == Compression.GZIP ? new GZIPInputStream(raw)
                     : c == Compression.ZSTD ? new ZstdInputStream(raw) : raw) {
            return in.readAllBytes();
        }
    }

    static String text(Path file) throws IOException {
        return new String(bytes(file), StandardCharsets.UTF_8);
    }

    static EventSinkContract.Output csv(Path log, Path catalog) throws IOException {
        List<String> logs = new ArrayList<>();
        List<List<String>> rows = Csv.parse(text(log));
        for (List<String> r : rows.subList(1, rows.size())) {
            logs.add(r.get(4) + "|" + r.get(5) + "|" + r.get(0));
        }
        List<String> catalogs = new ArrayList<>();
        rows = Csv.parse(text(catalog));
        for (List<String> r : rows.subList(1, rows.size())) {
            catalogs.add(r.get(0) + "|" + r.get(1));
        }
        return new EventSinkContract.Output(logs, catalogs);
    }

    static List<JsonNode> jsonLines(String text) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isEmpty()) {
                nodes.add(JSON.readTree(line));
            }
        }
        return nodes;
    }

    static EventSinkContract.Output jsonl(String logText, String catalogText) throws IOException {
        List<String> logs = new ArrayList<>();
        List<String> catalogs = new ArrayList<>();
        List<JsonNode> all = new ArrayList<>(jsonLines(logText));
        if (catalogText != null) {
            all.addAll(jsonLines(catalogText));
        }
        for (JsonNode n : all) {
            if (n.has("subject_type")) {
                catalogs.add(n.get("ts").asText() + "|" + n.get("subject_type").asText());
            } else {
                logs.add(n.get("ts").asText() + "|" + n.get("type").asText() + "|" + n.get("u_id").asText());
            }
        }
        return new EventSinkContract.Output(logs, catalogs);
    }
}
