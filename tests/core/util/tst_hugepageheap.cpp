// HugePageHeap: the heap a long timeline is read into comes in 2 MiB pages, only from the main
// thread, and the memory is ordinary memory either way.
#include "util/HugePageHeap.h"

#include <QFile>
#include <QTest>

#include <cstdlib>
#include <cstring>
#include <thread>
#include <vector>

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

QTEST_GUILESS_MAIN(TestHugePageHeap)
#include "tst_hugepageheap.moc"
