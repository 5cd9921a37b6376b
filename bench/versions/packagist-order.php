<?php
// Reference order for Packagist (not a test): reads `a<TAB>b` lines (file given as argument), prints the
// order from Composer (VersionParser::normalize then Comparator; `-` when Composer cannot read either,
// `x` when Composer orders neither way), PHP's version_compare on the normal forms or, failing that, the
// texts without a `v` prefix, and both normal forms (`!` when normalize throws). The composer/semver
// autoloader is Debian's php-composer-semver unless COMPOSER_SEMVER_AUTOLOAD names another.
require getenv('COMPOSER_SEMVER_AUTOLOAD') ?: '/usr/share/php/Composer/Semver/autoload.php';
use Composer\Semver\VersionParser;
use Composer\Semver\Comparator;
$p = new VersionParser();
function norm($p, $v) { try { return $p->normalize($v); } catch (\Exception $e) { return null; } }
$in = fopen($argv[1], 'r');
while (($line = fgets($in)) !== false) {
  $line = rtrim($line, "\n");
  if ($line === '') continue;
  [$a, $b] = explode("\t", $line, 2);
  $na = norm($p, $a); $nb = norm($p, $b);
  if ($na !== null && $nb !== null) {
    $c = Comparator::lessThan($na, $nb) ? -1 : (Comparator::greaterThan($na, $nb) ? 1 : (Comparator::equalTo($na, $nb) ? 0 : 'x'));
  } else {
    $c = '-';
  }
  $ra = preg_replace('/^[vV](?=\d)/', '', trim($a)); $rb = preg_replace('/^[vV](?=\d)/', '', trim($b));
  $raw = version_compare($na ?? $ra, $nb ?? $rb);
  echo $c, "\t", $raw, "\t", $na ?? '!', "\t", $nb ?? '!', "\n";
}
