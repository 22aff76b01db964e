// Validates RDF data against SHACL shapes with Apache Jena's SHACL engine and writes each
// validation report as N-Triples, so a test can compare it with pySHACL's report.
//
// Run by the Java 11+ single-file launcher (no build step), classpath from tests/tools/jena.py:
//   java -cp CLASSPATH ShaclReport.java SHAPES.ttl DATA.ttl REPORT.nt [DATA2.ttl REPORT2.nt ...]
// Prints one line per data file, "conforms true|false <file>"; exit 0 when every file was
// validated (whatever the verdicts), 2 on any error (unreadable file, bad shapes).
import java.io.FileOutputStream;
import java.io.OutputStream;
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.ValidationReport;

public class ShaclReport {
    public static void main(String[] args) {
        if (args.length < 3 || args.length % 2 == 0) {
            System.err.println("usage: ShaclReport SHAPES.ttl DATA.ttl REPORT.nt [DATA.ttl REPORT.nt ...]");
            System.exit(2);
        }
        try {
            Shapes shapes = Shapes.parse(RDFDataMgr.loadGraph(args[0]));
            for (int i = 1; i < args.length; i += 2) {
                Graph data = RDFDataMgr.loadGraph(args[i]);
                ValidationReport report = ShaclValidator.get().validate(shapes, data);
                try (OutputStream out = new FileOutputStream(args[i + 1])) {
                    RDFDataMgr.write(out, report.getModel(), Lang.NTRIPLES);
                }
                System.out.println("conforms " + report.conforms() + " " + args[i]);
            }
        } catch (Exception error) {
            System.err.println("ShaclReport: " + error);
            System.exit(2);
        }
    }
}
