#!/bin/sh
# Installs the boot features into the assembly's bundle cache at build time (issue 11 section 5): resolving and
# installing them took ≈ 4-5 s of every first start. Karaf starts here with its framework held at start level 20,
# so the features service (15) resolves and installs them but nothing they contain starts: no port is opened, no
# password, key or database is made (Sentral's secrets are still made at the first start). What is kept is the
# framework's cache (installed bundles, their cached wiring, the features service's state); the configurations
# fileinstall loaded are dropped (they name this build's paths; etc/ has them all). data/prebuilt keeps the boot
# configuration the cache was made from; sentral-prebuilt-boot compares it at the first start, so it is a startup
# bundle at level 14, before the features service (karaf-maven-plugin would list a startup bundle in a generated
# boot feature too, so it is added here).
# Usage: preresolve.sh <assembly directory> <Sentral version>
set -eu
cd "$1"
grep -q sentral-prebuilt-boot etc/startup.properties ||
  echo "mvn\\:no.sentral/sentral-prebuilt-boot/$2 = 14" >> etc/startup.properties
here=$(pwd)
conf=etc/config.properties
cp $conf $conf.build
sed -i 's/^org.osgi.framework.startlevel.beginning=100$/org.osgi.framework.startlevel.beginning=20/' $conf
grep -q '^org.osgi.framework.startlevel.beginning=20$' $conf
rm -rf data/cache data/prebuilt
KARAF_DEBUG= KARAF_REDIRECT= bin/start
done=
for i in $(seq 1 600); do
  if grep -qs '"bootDone":true' data/cache/bundle*/data/state.json; then done=yes; break; fi
  sleep 1
done
bin/stop
for i in $(seq 1 120); do
  bin/status > /dev/null 2>&1 || break
  sleep 1
done
mv $conf.build $conf
if bin/status > /dev/null 2>&1; then echo 'preresolve: Karaf did not stop' >&2; exit 1; fi
if [ -z "$done" ]; then echo 'preresolve: the boot features were not installed within 600 s; see data/log/karaf.log' >&2; exit 1; fi
if grep -q ' ERROR ' data/log/karaf.log; then grep ' ERROR ' data/log/karaf.log >&2; exit 1; fi
configadmin=$(grep -l '^mvn:org.apache.felix/org.apache.felix.configadmin/' data/cache/bundle*/bundle.info | xargs dirname)
rm -rf "$configadmin/data/config" data/log data/tmp data/port data/generated-bundles lock karaf.pid instances
if grep -rlF "$here" data/cache etc; then echo "preresolve: the files above name the build directory $here" >&2; exit 1; fi
mkdir data/prebuilt
cp etc/org.apache.karaf.features.cfg etc/org.apache.karaf.features.xml data/prebuilt/
