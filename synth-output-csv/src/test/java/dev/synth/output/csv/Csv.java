package dev.synth.output.csv;

import java.util.ArrayList;
import java.util.List;

/** A strict RFC 4180 reader for tests: what a consumer of the files would read. */
final class Csv {
    private Csv() {
    }

    /** The fields of one record that must end in CRLF and be the whole of {@code text}. */
    static List<String> parseRecord(String text) {
        List<List<String>> records = parse(text);
        if (records.size() != 1) {
            throw new IllegalArgumentException("expected one record but got " + records.size() + ": " + text);
        }
        return records.get(0);
    }

    /** All records of {@code text}, each ended by CRLF. */
    static List<List<String>> parse(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        int n = text.length();
        while (i < n) {
            if (text.charAt(i) == '"') { // quoted field
                i++;
                while (true) {
                    if (i >= n) {
                        throw new IllegalArgumentException("unterminated quoted field");
                    }
                    char c = text.charAt(i++);
                    if (c == '"') {
                        if (i < n && text.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        field.append(c);
                    }
                }
            } else {
                while (i < n && text.charAt(i) != ',' && text.charAt(i) != '\r') {
                    char c = text.charAt(i++);
                    if (c == '"' || c == '\n') {
                        throw new IllegalArgumentException("unquoted field holds " + (int) c + " at " + i);
                    }
                    field.append(c);
                }
            }
            if (i >= n) {
                throw new IllegalArgumentException("record not ended by CRLF");
            }
            fields.add(field.toString());
            field.setLength(0);
            char sep = text.charAt(i++);
            if (sep == '\r') {
                if (i >= n || text.charAt(i) != '\n') {
                    throw new IllegalArgumentException("CR without LF at " + i);
                }
                i++;
                records.add(fields);
                fields = new ArrayList<>();
            } else if (sep != ',') {
                throw new IllegalArgumentException("unexpected " + (int) sep + " after a field at " + i);
            }
        }
        return records;
    }
}
