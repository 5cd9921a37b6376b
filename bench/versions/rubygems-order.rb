# Reference order for RubyGems (not a test): reads `a<TAB>b` lines (file given as argument), prints the
# sign from the installed Gem::Version and `strict` or `lenient`: versions RubyGems rejects only for
# letters after the first number (`1beta`) are built without its check.
def build(text)
  return Gem::Version.new(text) if Gem::Version.correct?(text)
  version = Gem::Version.allocate
  version.instance_variable_set(:@version, text.strip.gsub("-", ".pre."))
  version
end

File.foreach(ARGV[0], chomp: true) do |line|
  next if line.empty?
  a, b = line.split("\t", 2)
  kind = Gem::Version.correct?(a) && Gem::Version.correct?(b) ? "strict" : "lenient"
  puts "#{build(a) <=> build(b)}\t#{kind}"
end
