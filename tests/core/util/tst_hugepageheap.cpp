// HugePageHeap: the heap a long timeline is read into comes in 2 MiB pages, only from the main
// thread, and the memory is ordinary memory either way.
#include "util/HugePageHeap.h"

#include <QCoreApplication>
#include <QFile>
#include <QProcess>
#include <QTest>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <thread>
#include <vector>

#if defined(__linux__) && defined(__GLIBC__)
#include <unistd.h>
#endif

using namespace warroom;

namespace {

// The process's anonymous memory in transparent huge pages, in kB.
qint64 anonHugeKb()
{
    QFile f(QStringLiteral("/proc/self/smaps_rollup"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith("AnonHugePages:"))
            return line.mid(14).trimmed().split(' ').value(0).toLongLong();
    return -1;
}

// Where the heap that sbrk grows starts (field 47 of /proc/self/stat, start_brk); 0 if unknown.
std::uintptr_t heapStart()
{
    QFile f(QStringLiteral("/proc/self/stat"));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray stat = f.readAll();
    // The command's name (field 2) may hold spaces: count fields after its closing parenthesis.
    const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
    return fields.size() > 44 ? fields.at(44).toULongLong() : 0; // field 47 is the 45th after
}

bool hugePagesOnOffer()
{
    QFile f(QStringLiteral("/sys/kernel/mm/transparent_hugepage/enabled"));
    return f.open(QIODevice::ReadOnly) && !f.readAll().contains("[never]");
}

} // namespace

// A sanitizer's allocator replaces glibc's, and its blocks never move the heap that sbrk grows.
// gcc says so with __SANITIZE_ADDRESS__; clang 14 (scripts/dev sanitize) only through
// __has_feature.
#if defined(__SANITIZE_ADDRESS__)
#define WARROOM_OWN_ALLOCATOR 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define WARROOM_OWN_ALLOCATOR 1
#endif
#endif

class TestHugePageHeap : public QObject
{
    Q_OBJECT

private slots:
    void notFromAnotherThread();
    void smallBlocksLandInHugePages();
    void laterThreadsShareTheHeap();
};

void TestHugePageHeap::notFromAnotherThread()
{
    // Threads allocate from arenas of their own, which sbrk does not grow.
    bool reserved = true;
    std::thread([&reserved] { reserved = HugePageHeap::reserve(std::size_t(8) << 20); }).join();
    QVERIFY(!reserved);
}

void TestHugePageHeap::smallBlocksLandInHugePages()
{
#if !defined(__linux__) || !defined(__GLIBC__) || defined(WARROOM_OWN_ALLOCATOR)
    QSKIP("huge pages are asked for on Linux with glibc's allocator only");
#endif
    if (!hugePagesOnOffer() || anonHugeKb() < 0)
        QSKIP("this kernel offers no transparent huge pages");
    const qint64 before = anonHugeKb();
    QVERIFY(HugePageHeap::reserve(std::size_t(64) << 20));
    // As a timeline's read allocates: many small blocks, each written once.
    std::vector<void *> blocks;
    for (int i = 0; i < 200'000; ++i) {
        void *b = std::malloc(150);
        std::memset(b, 'x', 150);
        blocks.push_back(b);
    }
    const qint64 after = anonHugeKb();
    for (void *b : blocks)
        std::free(b);
    // About 30 MB written: most of it in 2 MiB pages (4 KiB pages without the reserve).
    QVERIFY2(after - before >= 8 * 1024,
             qPrintable(QStringLiteral("AnonHugePages %1 kB -> %2 kB").arg(before).arg(after)));
}

namespace {

// In a process of its own (Qt Test's watchdog thread has taken an arena in this one, and glibc
// settles how many arenas there may be when the first thread asks): after a reserve from the
// main thread, a thread started later (a worker parsing half of the payloads) allocates in the
// heap that sbrk grows, not in an arena mapped far above it. 0: it does; 1: it does not.
int laterThreadAllocatesInTheHeap()
{
    HugePageHeap::reserve(std::size_t(8) << 20);
    std::vector<std::uintptr_t> blocks;
    std::thread([&blocks] {
        for (int i = 0; i < 1000; ++i) {
            void *b = std::malloc(150);
            std::memset(b, 'x', 150);
            blocks.push_back(reinterpret_cast<std::uintptr_t>(b));
        }
    }).join();
    const std::uintptr_t bottom = heapStart();
    const auto top = reinterpret_cast<std::uintptr_t>(sbrk(0));
    for (const std::uintptr_t b : blocks) {
        if (b < bottom || b >= top) {
            std::fprintf(stderr, "block at %#zx, heap %#zx to %#zx\n", std::size_t(b),
                         std::size_t(bottom), std::size_t(top));
            return 1;
        }
    }
    return 0;
}

} // namespace

void TestHugePageHeap::laterThreadsShareTheHeap()
{
#if !defined(__linux__) || !defined(__GLIBC__) || defined(WARROOM_OWN_ALLOCATOR)
    QSKIP("huge pages are asked for on Linux with glibc's allocator only");
#else
    QVERIFY(heapStart() > 0);
    QProcess child;
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--later-thread")});
    QVERIFY(child.waitForFinished(30'000));
    QCOMPARE(child.exitStatus(), QProcess::NormalExit);
    QCOMPARE(child.exitCode(), 0);
#endif
}

int main(int argc, char *argv[])
{
    if (argc == 2 && std::strcmp(argv[1], "--later-thread") == 0)
        return laterThreadAllocatesInTheHeap();
    QCoreApplication app(argc, argv);
    TestHugePageHeap test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_hugepageheap.moc"
