/* The umbrella header compiles on its own as C (and as C++: test_header.cpp). */
#include <libsi.h>

int main(void)
{
    return libsi_version_number() == LIBSI_VERSION_NUMBER ? 0 : 1;
}
