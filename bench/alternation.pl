#!/usr/bin/perl
# One big alternation of all spun forms (longest first, \b anchored, case-insensitive) plus a hash
# lookup for the replacement: the classic "one regex" way. Reads MAP.tsv (spun<TAB>original),
# restores FILE (or stdin) line by line to stdout, prints the number of replacements on stderr.
# Usage: perl bench/alternation.pl MAP.tsv [FILE]
use strict;
use warnings;

my $map = shift @ARGV;
open my $fh, '<', $map or die "cannot read $map: $!\n";
my %to;
while (my $line = <$fh>) {
  chomp $line;
  my ($spun, $original) = split /\t/, $line, 2;
  $to{lc $spun} = $original;
}
close $fh;

my $alt = join '|',
  map { join '\s+', map { quotemeta } split / /, $_ }
  sort { length($b) <=> length($a) || $a cmp $b } keys %to;
my $re = qr/\b($alt)\b/i;

my $n = 0;
while (my $line = <>) {
  $line =~ s/$re/my $k = lc $1; $k =~ s{\s+}{ }g; $n++; $to{$k}/ge;
  print $line;
}
print STDERR "replacements: $n\n";
