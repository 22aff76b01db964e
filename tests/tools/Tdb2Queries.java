// Runs SELECT queries on an Apache Jena TDB2 database and writes each result as SPARQL JSON,
// so a test can compare Jena's answers with the embedded store's, row for row.
//
// Run by the Java 11+ single-file launcher (no build step), classpath from tests/tools/jena.py:
//   java -cp CLASSPATH Tdb2Queries.java DB GRAPHS QUERY.rq [QUERY2.rq ...]
// GRAPHS: comma-separated IRIs whose merge is each query's default graph, as the SPARQL
// Protocol's default-graph-uri names it (here: added to the query as FROM). Each result
// goes to QUERY.rq.json. One JVM for every query: tdb2.tdbquery would start one per query.
// Exit 0 when every query ran, 2 on any error.
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QueryExecutionFactory;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.ResultSetFormatter;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.TDB2Factory;

public class Tdb2Queries {
    public static void main(String[] args) {
        if (args.length < 3) {
            System.err.println("usage: Tdb2Queries DB GRAPHS QUERY.rq [QUERY.rq ...]");
            System.exit(2);
        }
        try {
            Dataset dataset = TDB2Factory.connectDataset(args[0]);
            String[] graphs = args[1].split(",");
            for (int i = 2; i < args.length; i++) {
                Query query = QueryFactory.create(Files.readString(Path.of(args[i]), StandardCharsets.UTF_8));
                for (String graph : graphs) {
                    query.addGraphURI(graph);
                }
                String out = args[i] + ".json";
                Txn.executeRead(dataset, () -> {
                    try (QueryExecution execution = QueryExecutionFactory.create(query, dataset);
                            OutputStream stream = new FileOutputStream(out)) {
                        ResultSetFormatter.outputAsJSON(stream, execution.execSelect());
                    } catch (java.io.IOException error) {
                        throw new RuntimeException(error);
                    }
                });
            }
        } catch (Exception error) {
            System.err.println("Tdb2Queries: " + error);
            System.exit(2);
        }
    }
}
