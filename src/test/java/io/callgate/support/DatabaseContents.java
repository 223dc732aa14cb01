package io.callgate.support;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads a whole callgate database back, Flyway's history included, for tests that assert what
 * was stored or that nothing was. Tables are found in the catalog rather than listed, so a table
 * added later is covered without touching the tests.
 */
public final class DatabaseContents {

    private DatabaseContents() {
    }

    /** The tables of the connection's schema, lower-case and sorted. */
    public static List<String> tables(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection();
             ResultSet rs = connection.getMetaData().getTables(null, connection.getSchema(), "%", new String[] {"TABLE"})) {
            List<String> names = new ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
            }
            names.sort(null);
            return names;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Row count per table. */
    public static Map<String, Long> rowCounts(DataSource dataSource) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        Map<String, Long> counts = new TreeMap<>();
        for (String table : tables(dataSource)) {
            counts.put(table, jdbc.queryForObject("select count(*) from " + table, Long.class));
        }
        return counts;
    }

    /** Every row of every table, one line per row ({@code table: column=value, …}), in a stable order. */
    public static String dump(DataSource dataSource) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        StringBuilder out = new StringBuilder();
        for (String table : tables(dataSource)) {
            List<String> rows = new ArrayList<>();
            for (Map<String, Object> row : jdbc.queryForList("select * from " + table)) {
                rows.add(table + ": " + row);
            }
            rows.sort(null);
            rows.forEach(r -> out.append(r).append('\n'));
        }
        return out.toString();
    }
}
