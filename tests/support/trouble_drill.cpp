// Writes the trouble drill (support/TroubleDrill.h) into a timeline database, to export it with
// the command line as a user would:
//   build/tests/support/trouble_drill /tmp/t.sqlite && build/app/warroom export --db /tmp/t.sqlite ...
#include "support/TroubleDrill.h"

#include <QCoreApplication>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: trouble_drill DB\n");
        return 2;
    }
    warroom::TimelineStore store;
    QString error;
    if (!store.open(QString::fromLocal8Bit(argv[1]), &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    const qint64 id = warroom::test::troubleIncident(store);
    std::printf("incident %lld written to %s\n", static_cast<long long>(id), argv[1]);
    return 0;
}
