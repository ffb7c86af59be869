import { Box, SimpleGrid, Text } from '@mantine/core';
import type { ReactNode } from 'react';

export interface FieldItem {
  label: string;
  value: ReactNode;
}

/** Label/value pairs as a description list, two columns when there is room. */
export function FieldList({ items }: { items: FieldItem[] }) {
  return (
    <SimpleGrid component="dl" cols={2} spacing="md" verticalSpacing="sm" m={0}>
      {items.map((item) => (
        <Box key={item.label} style={{ minWidth: 0 }}>
          <Text component="dt" size="xs" fw={600} c="gray.7" tt="uppercase" lts={0.3}>
            {item.label}
          </Text>
          <Text component="dd" m={0} size="sm" style={{ overflowWrap: 'anywhere' }}>
            {item.value}
          </Text>
        </Box>
      ))}
    </SimpleGrid>
  );
}
