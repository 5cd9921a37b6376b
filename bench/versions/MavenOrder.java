// Reference order for Maven (not a test): reads `a<TAB>b` lines, prints the sign of ComparableVersion
// compareTo, equals, and both canonical forms. Build against a maven-artifact ComparableVersion.java.
import java.io.*;
import org.apache.maven.artifact.versioning.ComparableVersion;
public class MavenOrder {
  public static void main(String[] args) throws Exception {
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, "UTF-8"));
    PrintWriter out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(System.out, "UTF-8")));
    String line;
    while ((line = in.readLine()) != null) {
      int t = line.indexOf('\t');
      ComparableVersion a = new ComparableVersion(line.substring(0, t));
      ComparableVersion b = new ComparableVersion(line.substring(t + 1));
      out.println(Integer.signum(a.compareTo(b)) + "\t" + (a.equals(b) ? "eq" : "ne") + "\t" + a.getCanonical() + "\t" + b.getCanonical());
    }
    out.flush();
  }
}
